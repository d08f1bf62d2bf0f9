rule unclosed
{
  condition:
    true and
}
