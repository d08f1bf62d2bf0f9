// The exit codes of mamori (spec/cli.md "Exit codes"), shared by the
// command line (cli/), which returns them, and the pipeline, which decides
// the code of a scan from its findings and notices.
#pragma once

namespace mamori {

// Unscoped on purpose: a code is returned from main() and stored in the
// report's summary as a plain int.
enum ExitCode : int {
  kExitClean = 0,       // nothing at or above --fail-on
  kExitFindings = 1,    // findings at or above --fail-on
  kExitUsage = 2,       // usage or configuration error
  kExitUnexamined = 3,  // some input could not be examined
};

}  // namespace mamori
