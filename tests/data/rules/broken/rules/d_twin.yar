rule twin
{
  strings:
    $a = "twin one marker"
  condition:
    $a
}
