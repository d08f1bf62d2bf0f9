// The sandboxed workers of sandbox.h: the worker's side (confine, then
// examine the files it is sent) and the parent's (a poll loop that hands
// out files, gathers each file's answer, and turns a dead or late worker
// into a notice and a new worker).
#include "content/sandbox.h"

#include "documents/documents.h"

#include "common/file_open.h"
#include "common/progress.h"
#include "content/mail_members.h"
#include "content/worker_protocol.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <optional>
#include <poll.h>
#include <sched.h>
#include <seccomp.h>
#include <string>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <system_error>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define MAMORI_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MAMORI_ASAN 1
#endif
#endif

namespace mamori::content {
namespace {

#ifdef MAMORI_ASAN
// AddressSanitizer reserves terabytes of address space (no RLIMIT_AS) and
// may write its report to a file (no RLIMIT_FSIZE).
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

using Clock = std::chrono::steady_clock;

// A worker's exit status when its confinement could not be set up.
constexpr int kConfineFailed = 71;
constexpr int kSocketFd = 3;

// ---- the worker's side ---------------------------------------------------

[[noreturn]] void die(int code) {
  ::_exit(code);  // no atexit handlers, no LeakSanitizer pass in a fork
}

bool send_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        pollfd p{fd, POLLOUT, 0};
        ::poll(&p, 1, 1000);
        continue;
      }
      return false;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Reads exactly `size` bytes; false at the end of the stream or on error.
bool receive_all(int fd, char* out, size_t size) {
  while (size > 0) {
    const ssize_t n = ::read(fd, out, size);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    out += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

std::optional<Frame> receive_frame(int fd) {
  char header[kFrameHeader];
  if (!receive_all(fd, header, sizeof header))
    return std::nullopt;
  FrameReader reader;
  reader.feed(std::string_view(header, sizeof header));
  size_t size = 0;
  for (size_t i = 0; i < 4; ++i)
    size |= size_t{static_cast<unsigned char>(header[1 + i])} << (8 * i);
  if (size > kMaxPayload)
    return std::nullopt;
  std::string payload(size, '\0');
  if (!receive_all(fd, payload.data(), size))
    return std::nullopt;
  reader.feed(payload);
  return reader.next();
}

void set_limit(int resource, rlim_t soft, rlim_t hard) {
  const rlimit limit{soft, hard};
  ::setrlimit(resource, &limit);
}

// Bytes of address space the worker maps now.
uint64_t mapped_bytes() {
  std::FILE* statm = std::fopen("/proc/self/statm", "re");
  if (statm == nullptr)
    return 0;
  unsigned long pages = 0;
  const int read = std::fscanf(statm, "%lu", &pages);
  std::fclose(statm);
  return read == 1
             ? uint64_t{pages} * static_cast<uint64_t>(::sysconf(_SC_PAGESIZE))
             : 0;
}

uint64_t cpu_seconds_used() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<uint64_t>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec);
}

// The per-file limits: room for the file (it may be mapped), the members
// it may hold at once and the libraries' own buffers; processor time as a
// backstop for the parent's wall-clock timeout. Only soft limits are
// lowered, so the next file can have its own.
void limit_file(const WalkedFile& file, const Limits& limits) {
  if (!kSanitized) {
    const uint64_t room = file.size + 2 * limits.max_member_size + (1ull << 30);
    const uint64_t total = mapped_bytes() + room;
    const bool fits =
        room >= file.size && total >= room && total < RLIM_INFINITY;
    set_limit(RLIMIT_AS, fits ? static_cast<rlim_t>(total) : RLIM_INFINITY,
              RLIM_INFINITY);
  }
  const auto seconds =
      static_cast<rlim_t>(std::max(limits.file_timeout_seconds, 1)) + 1;
  set_limit(RLIMIT_CPU, static_cast<rlim_t>(cpu_seconds_used()) + seconds,
            RLIM_INFINITY);
}

// SCMP_A0() and friends are C compound literals, which ISO C++ lacks.
scmp_arg_cmp arg_is(unsigned index, scmp_compare op, scmp_datum_t a,
                    scmp_datum_t b = 0) {
  scmp_arg_cmp cmp{};
  cmp.arg = index;
  cmp.op = op;
  cmp.datum_a = a;
  cmp.datum_b = b;
  return cmp;
}

void add_rule(scmp_filter_ctx filter, int syscall) {
  // A call the architecture lacks (open on arm64) is not an error.
  seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), syscall, 0);
}

// The seccomp filter of sandbox.h. Everything else is allowed: the parsers
// and the sanitizers use a wide and changing set of harmless calls.
bool confine_calls() {
  scmp_filter_ctx filter = seccomp_init(SCMP_ACT_ALLOW);
  if (filter == nullptr)
    return false;
  const int denied[] = {
      SCMP_SYS(socket),
      SCMP_SYS(socketpair),
      SCMP_SYS(connect),
      SCMP_SYS(bind),
      SCMP_SYS(listen),
      SCMP_SYS(accept),
      SCMP_SYS(accept4),
      SCMP_SYS(execve),
      SCMP_SYS(execveat),
      SCMP_SYS(fork),
      SCMP_SYS(vfork),
      SCMP_SYS(ptrace),
      SCMP_SYS(process_vm_readv),
      SCMP_SYS(process_vm_writev),
      SCMP_SYS(creat),
      SCMP_SYS(unlink),
      SCMP_SYS(unlinkat),
      SCMP_SYS(rename),
      SCMP_SYS(renameat),
      SCMP_SYS(renameat2),
      SCMP_SYS(mkdir),
      SCMP_SYS(mkdirat),
      SCMP_SYS(rmdir),
      SCMP_SYS(chmod),
      SCMP_SYS(fchmod),
      SCMP_SYS(fchmodat),
      SCMP_SYS(chown),
      SCMP_SYS(fchown),
      SCMP_SYS(lchown),
      SCMP_SYS(fchownat),
      SCMP_SYS(truncate),
      SCMP_SYS(ftruncate),
      SCMP_SYS(fallocate),
      SCMP_SYS(link),
      SCMP_SYS(linkat),
      SCMP_SYS(symlink),
      SCMP_SYS(symlinkat),
      SCMP_SYS(mknod),
      SCMP_SYS(mknodat),
      SCMP_SYS(mount),
      SCMP_SYS(umount2),
      SCMP_SYS(pivot_root),
      SCMP_SYS(chroot),
      SCMP_SYS(setxattr),
      SCMP_SYS(lsetxattr),
      SCMP_SYS(fsetxattr),
      SCMP_SYS(removexattr),
      SCMP_SYS(lremovexattr),
      SCMP_SYS(fremovexattr),
      SCMP_SYS(utime),
      SCMP_SYS(utimes),
      SCMP_SYS(utimensat),
      SCMP_SYS(futimesat),
      SCMP_SYS(pwrite64),
      SCMP_SYS(pwritev),
      SCMP_SYS(pwritev2),
      SCMP_SYS(bpf),
      SCMP_SYS(perf_event_open),
      SCMP_SYS(init_module),
      SCMP_SYS(finit_module),
      SCMP_SYS(delete_module),
      SCMP_SYS(kexec_load),
      SCMP_SYS(reboot),
      SCMP_SYS(swapon),
      SCMP_SYS(swapoff),
      SCMP_SYS(setns),
      SCMP_SYS(unshare),
      SCMP_SYS(keyctl),
      SCMP_SYS(add_key),
      SCMP_SYS(request_key),
      SCMP_SYS(io_uring_setup),
      SCMP_SYS(userfaultfd),
      SCMP_SYS(open_by_handle_at),
      SCMP_SYS(tkill),
  };
  for (int call : denied)
    add_rule(filter, call);
  // clone3 cannot be filtered on its flags (they are behind a pointer):
  // ENOSYS makes the C library fall back to clone, filtered below.
  seccomp_rule_add(filter, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
  seccomp_rule_add(filter, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(openat2), 0);
  // A clone without CLONE_THREAD is a new process.
  seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
                   arg_is(0, SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0));
  // Signals only to itself (raise and abort stay possible).
  const auto self = static_cast<scmp_datum_t>(::getpid());
  seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(kill), 1,
                   arg_is(0, SCMP_CMP_NE, self));
  seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(tgkill), 1,
                   arg_is(0, SCMP_CMP_NE, self));
  // Opening for anything but reading.
  const scmp_datum_t writing[] = {O_WRONLY, O_RDWR,   O_CREAT,
                                  O_TRUNC,  O_APPEND, __O_TMPFILE};
  for (scmp_datum_t flag : writing) {
    seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(open), 1,
                     arg_is(1, SCMP_CMP_MASKED_EQ, flag, flag));
    seccomp_rule_add(filter, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(openat), 1,
                     arg_is(2, SCMP_CMP_MASKED_EQ, flag, flag));
  }
  const bool loaded = seccomp_load(filter) == 0;
  seccomp_release(filter);
  return loaded;
}

// Everything a worker does before it reads evidence. Exits when the
// confinement cannot be set up: a worker is never left unconfined.
// The socket ends up as descriptor 3.
void confine(int socket) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  const int moved = ::fcntl(socket, F_DUPFD_CLOEXEC, 3);
  // Standard input may be a log being read (`--log -`), standard output the
  // report: neither is the worker's. Standard error stays, for sanitizers.
  const int null_in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const int null_out = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (moved < 0 || null_in < 0 || null_out < 0 || ::dup2(null_in, 0) < 0 ||
      ::dup2(null_out, 1) < 0)
    die(kConfineFailed);
  if (moved != kSocketFd && ::dup3(moved, kSocketFd, O_CLOEXEC) < 0)
    die(kConfineFailed);
  // Every other descriptor the parent had (logs, other workers' sockets).
  ::close_range(static_cast<unsigned>(kSocketFd) + 1, ~0U, 0);
  set_limit(RLIMIT_CORE, 0, 0);
  set_limit(RLIMIT_NOFILE, 64, 64);
  if (!kSanitized)
    set_limit(RLIMIT_FSIZE, 0, 0);
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || !confine_calls())
    die(kConfineFailed);
}

// The worker: examines the files it is sent until the parent closes the
// socket. Never returns.
[[noreturn]] void run_worker(int socket, const rules::RuleSet& rules,
                             const assets::Register& reg,
                             const Limits& limits) {
  // GMime sets itself up (charset tables, iconv) while files may still be
  // opened freely.
  prepare_mail_reader();
  confine(socket);
  socket = kSocketFd;
  Diagnostics diag;
  WorkerOutput out;
  std::optional<rules::Scanner> matcher;
  std::optional<FileExaminer> examiner;
  try {
    matcher.emplace(rules, limits.rule_timeout_seconds);
    examiner.emplace(*matcher, reg, limits, diag, out);
  } catch (const std::exception&) {
    die(kConfineFailed);
  }
  while (std::optional<Frame> frame = receive_frame(socket)) {
    std::optional<WalkedFile> file;
    if (frame->kind != MessageKind::kFile ||
        !(file = decode_file(frame->payload)))
      die(72);
    limit_file(*file, limits);
    try {
      if (limits.test_hook)
        limits.test_hook(file->path, diag);
      examiner->examine_file(*file);
    } catch (const std::bad_alloc&) {
      diag.error_in("limit_memory", {file->path.string()},
                    "not enough memory to examine this file");
    } catch (const std::exception& e) {
      diag.error_in("worker_crash", {file->path.string()},
                    "examining this file failed: {}", e.what());
    }
    std::string reply;
    for (const ObjectHit& hit : out.hits)
      reply += encode_frame(MessageKind::kHit, encode_hit(hit));
    for (const ContainerRecord& c : out.containers)
      reply += encode_frame(MessageKind::kContainer, encode_container(c));
    for (const Notice& n : diag.take())
      reply += encode_frame(MessageKind::kNotice, encode_notice(n));
    if (const std::string atime = take_atime_changed(); !atime.empty())
      reply += encode_frame(MessageKind::kAtime, atime);
    reply += encode_frame(MessageKind::kDone, encode_stats(out.stats));
    out = WorkerOutput{};
    if (!send_all(socket, reply))
      die(0);  // the parent is gone or gave up on us
  }
  die(0);
}

// ---- the parent's side ---------------------------------------------------

std::string signal_name(int signal) {
  const char* abbrev = ::sigabbrev_np(signal);
  return abbrev != nullptr ? fmt::format("SIG{}", abbrev) : "unknown";
}

// What a file examined so far has given, merged only on its "done".
struct Pending {
  std::vector<ObjectHit> hits;
  std::vector<ContainerRecord> containers;
  std::vector<Notice> notices;
  std::string atime;
};

class Worker {
 public:
  Worker(const rules::RuleSet& rules, const assets::Register& reg,
         const Limits& limits) {
    int sockets[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0)
      throw std::system_error(errno, std::generic_category(), "socketpair");
    // The PDF and e-mail module is loaded here, once: every worker forked
    // from now on has it, rather than loading it for itself.
    documents::load_documents();
    const pid_t pid = ::fork();
    if (pid < 0) {
      const int error = errno;
      ::close(sockets[0]);
      ::close(sockets[1]);
      throw std::system_error(error, std::generic_category(), "fork");
    }
    if (pid == 0) {
      ::close(sockets[0]);
      run_worker(sockets[1], rules, reg, limits);
    }
    ::close(sockets[1]);
    pid_ = pid;
    socket_ = UniqueFd(sockets[0]);
    ::fcntl(socket_.get(), F_SETFL, O_NONBLOCK);
  }
  ~Worker() { stop(); }
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  int socket() const { return socket_.get(); }
  bool busy() const { return file_.has_value(); }
  size_t file() const { return *file_; }
  Clock::time_point deadline() const { return deadline_; }
  Pending& pending() { return pending_; }
  FrameReader& reader() { return reader_; }

  bool send_file(size_t index, const WalkedFile& file, int timeout_seconds) {
    file_ = index;
    deadline_ = Clock::now() + std::chrono::seconds(timeout_seconds);
    return send_all(socket_.get(),
                    encode_frame(MessageKind::kFile, encode_file(file)));
  }
  void file_done() {
    file_.reset();
    pending_ = Pending{};
  }

  // Kills the worker (if still there) and returns its wait status.
  int stop() {
    if (pid_ <= 0)
      return 0;
    ::kill(pid_, SIGKILL);
    return reap();
  }
  // Waits for a worker that closed its end; its wait status.
  int reap() {
    int status = 0;
    while (pid_ > 0 && ::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    return status;
  }

 private:
  pid_t pid_ = -1;
  UniqueFd socket_;
  std::optional<size_t> file_;
  Clock::time_point deadline_;
  Pending pending_;
  FrameReader reader_;
};

class Parent {
 public:
  Parent(const std::vector<WalkedFile>& files, const std::vector<size_t>& order,
         const rules::RuleSet& rules, const assets::Register& reg,
         const Limits& limits, Diagnostics& diag, Progress* progress)
      : files_(files),
        order_(order),
        rules_(rules),
        reg_(reg),
        limits_(limits),
        diag_(diag),
        progress_(progress) {}

  WorkerOutput run(unsigned count) {
    for (unsigned i = 0; i < count; ++i) {
      try {
        workers_.push_back(std::make_unique<Worker>(rules_, reg_, limits_));
      } catch (const std::system_error&) {
        if (workers_.empty())
          throw;  // not even one: the content cannot be examined at all
        break;    // fewer workers than asked
      }
    }
    while (true) {
      hand_out();
      if (std::none_of(workers_.begin(), workers_.end(),
                       [](const auto& w) { return w && w->busy(); }))
        break;
      wait_and_read();
      if (progress_ != nullptr)
        progress_->tick();
    }
    workers_.clear();  // kills and reaps the idle workers
    return std::move(out_);
  }

 private:
  void hand_out() {
    for (size_t w = 0; w < workers_.size() && next_ < order_.size(); ++w) {
      if (!workers_[w] || workers_[w]->busy())
        continue;
      const size_t index = order_[next_++];
      if (!workers_[w]->send_file(index, files_[index],
                                  limits_.file_timeout_seconds)) {
        lost(w, workers_[w]->stop());  // it is gone, or as good as
      }
    }
  }

  void wait_and_read() {
    std::vector<pollfd> polls;
    std::vector<size_t> polled;
    Clock::time_point soonest = Clock::time_point::max();
    for (size_t w = 0; w < workers_.size(); ++w) {
      if (!workers_[w] || !workers_[w]->busy())
        continue;
      polls.push_back({workers_[w]->socket(), POLLIN, 0});
      polled.push_back(w);
      soonest = std::min(soonest, workers_[w]->deadline());
    }
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
        soonest - Clock::now());
    // A progress line is redrawn at least every second, even while every
    // worker is deep in one large file.
    const int64_t longest = progress_ != nullptr ? 1'000 : 60'000;
    const int timeout =
        static_cast<int>(std::clamp<int64_t>(wait.count() + 1, 0, longest));
    const int ready = ::poll(polls.data(), polls.size(), timeout);
    if (ready < 0 && errno != EINTR)
      throw std::system_error(errno, std::generic_category(), "poll");
    for (size_t p = 0; p < polls.size(); ++p) {
      if (ready > 0 && polls[p].revents != 0)
        read_from(polled[p]);
    }
    const Clock::time_point now = Clock::now();
    for (size_t w = 0; w < workers_.size(); ++w) {
      if (workers_[w] && workers_[w]->busy() && workers_[w]->deadline() <= now)
        timed_out(w);
    }
  }

  void read_from(size_t w) {
    Worker& worker = *workers_[w];
    char buffer[1 << 16];
    while (true) {
      const ssize_t n = ::read(worker.socket(), buffer, sizeof buffer);
      if (n > 0) {
        worker.reader().feed(std::string_view(buffer, static_cast<size_t>(n)));
        if (!take_frames(w))
          return;  // the worker was replaced
        continue;
      }
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        return;
      // The end of the stream: the worker died.
      lost(w, worker.reap());
      return;
    }
  }

  // Takes the whole frames received; false when the worker sent nonsense
  // and was replaced.
  bool take_frames(size_t w) {
    Worker& worker = *workers_[w];
    while (std::optional<Frame> frame = worker.reader().next()) {
      if (!worker.busy() || !take_frame(worker, *frame)) {
        worker.stop();
        lost(w, std::nullopt);
        return false;
      }
    }
    if (worker.reader().broken()) {
      worker.stop();
      lost(w, std::nullopt);
      return false;
    }
    return true;
  }

  bool take_frame(Worker& worker, Frame& frame) {
    Pending& pending = worker.pending();
    switch (frame.kind) {
      case MessageKind::kHit: {
        auto hit = decode_hit(frame.payload);
        if (hit)
          pending.hits.push_back(std::move(*hit));
        return hit.has_value();
      }
      case MessageKind::kContainer: {
        auto record = decode_container(frame.payload);
        if (record)
          pending.containers.push_back(std::move(*record));
        return record.has_value();
      }
      case MessageKind::kNotice: {
        auto notice = decode_notice(frame.payload);
        if (notice)
          pending.notices.push_back(std::move(*notice));
        return notice.has_value();
      }
      case MessageKind::kAtime:
        pending.atime = std::move(frame.payload);
        return true;
      case MessageKind::kDone: {
        const std::optional<Stats> stats = decode_stats(frame.payload);
        if (!stats)
          return false;
        merge(pending, *stats);
        file_finished(worker.file());
        worker.file_done();
        return true;
      }
      default:
        return false;
    }
  }

  void merge(Pending& pending, const Stats& stats) {
    std::move(pending.hits.begin(), pending.hits.end(),
              std::back_inserter(out_.hits));
    std::move(pending.containers.begin(), pending.containers.end(),
              std::back_inserter(out_.containers));
    for (Notice& n : pending.notices)
      diag_.add(std::move(n));
    if (!pending.atime.empty())
      note_atime_changed(pending.atime);
    out_.stats.files_scanned += stats.files_scanned;
    out_.stats.bytes_scanned += stats.bytes_scanned;
    out_.stats.archive_members += stats.archive_members;
  }

  void file_finished(size_t index) {
    if (progress_ != nullptr)
      progress_->file_done(files_[index].size);
  }

  void timed_out(size_t w) {
    file_finished(workers_[w]->file());
    const WalkedFile& file = files_[workers_[w]->file()];
    workers_[w]->stop();
    diag_.error_in("timeout", {file.path.string()},
                   "examining this file took longer than {} s "
                   "(--file-timeout); it was stopped and nothing in it is "
                   "reported",
                   limits_.file_timeout_seconds);
    replace(w);
  }

  // The worker `w` is gone (its wait status when known); the file it held,
  // if any, is noted, and a new worker takes its place.
  void lost(size_t w, std::optional<int> status) {
    Worker& worker = *workers_[w];
    if (!status)
      worker.stop();
    if (worker.busy()) {
      file_finished(worker.file());
      const WalkedFile& file = files_[worker.file()];
      const std::vector<std::string> where{file.path.string()};
      if (!status) {
        diag_.error_in("worker_crash", where,
                       "the worker examining this file sent a malformed "
                       "answer and was stopped; nothing in it is reported");
      } else if (WIFSIGNALED(*status) && WTERMSIG(*status) == SIGXCPU) {
        diag_.error_in("timeout", where,
                       "examining this file used more than {} s of processor "
                       "time; it was stopped and nothing in it is reported",
                       limits_.file_timeout_seconds);
      } else if (WIFSIGNALED(*status)) {
        diag_.error_in("worker_crash", where,
                       "the worker examining this file crashed (signal {}, "
                       "{}); nothing in it is reported",
                       WTERMSIG(*status), signal_name(WTERMSIG(*status)));
      } else if (WIFEXITED(*status) && WEXITSTATUS(*status) == kConfineFailed) {
        diag_.error_in("worker_crash", where,
                       "the sandbox for this file could not be set up "
                       "(seccomp or resource limits refused); it was not "
                       "examined");
      } else {
        diag_.error_in("worker_crash", where,
                       "the worker examining this file exited (status {}) "
                       "before it finished; nothing in it is reported",
                       WIFEXITED(*status) ? WEXITSTATUS(*status) : -1);
      }
    }
    replace(w);
  }

  void replace(size_t w) {
    try {
      workers_[w] = std::make_unique<Worker>(rules_, reg_, limits_);
    } catch (const std::system_error&) {
      workers_[w].reset();  // one worker fewer from now on
      if (std::none_of(workers_.begin(), workers_.end(),
                       [](const auto& worker) { return worker != nullptr; }))
        throw;  // no worker left for the files still to examine
    }
  }

  const std::vector<WalkedFile>& files_;
  const std::vector<size_t>& order_;
  const rules::RuleSet& rules_;
  const assets::Register& reg_;
  const Limits& limits_;
  Diagnostics& diag_;
  std::vector<std::unique_ptr<Worker>> workers_;
  Progress* progress_;
  size_t next_ = 0;  // in order_
  WorkerOutput out_;
};

}  // namespace

WorkerOutput examine_in_sandbox(const std::vector<WalkedFile>& files,
                                const std::vector<size_t>& order,
                                const rules::RuleSet& rules,
                                const assets::Register& reg,
                                const Limits& limits, unsigned workers,
                                Diagnostics& diag, Progress* progress) {
  if (order.empty())
    return {};
  Parent parent(files, order, rules, reg, limits, diag, progress);
  return parent.run(std::max(1u, workers));
}

}  // namespace mamori::content
