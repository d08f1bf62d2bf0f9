// Warning: the same rule name as in d_twin.yar.
rule twin
{
  strings:
    $a = "twin two marker"
  condition:
    $a
}
