// Warnings only: a tag that names no asset (a typo) and a bad severity.
rule recipe_sheet : mlcc_dielectrc
{
  meta:
    severity = "urgent"
    description = "BT-07 recipe sheet"
  strings:
    $a = "BT-07 recipe"
  condition:
    $a
}

rule tied_ok : mlcc_dielectric
{
  strings:
    $a = "BT-07 lot card"
  condition:
    $a
}
