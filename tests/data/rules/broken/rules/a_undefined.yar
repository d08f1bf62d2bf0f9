// Error: the condition names a string that is not defined.
rule missing_string
{
  strings:
    $a = "alpha bravo"
  condition:
    $a and $b }
