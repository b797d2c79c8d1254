#!/bin/sh
# Checks a generated folder against an expectations file (see
# tests/generate/torture/expect.txt for the format).
#   expect.sh DALGEN SCHEMA PREFIX EXPECT_FILE WORKDIR
set -u
dalgen=$1 schema=$2 prefix=$3 expect=$4 work=$5
rm -rf "$work"
"$dalgen" generate "$schema" --prefix "$prefix" --out "$work" || exit 1
status=0 checked=0
while IFS= read -r line; do
  case "$line" in ''|'#'*) continue ;; esac
  file=${line%% *}; rest=${line#* }; sign=${rest%% *}; text=${rest#? }
  checked=$((checked + 1))
  if grep -qF -- "$text" "$work/$file"; then found=1; else found=0; fi
  if [ "$sign" = "+" ] && [ $found = 0 ]; then echo "MISSING in $file: $text"; status=1; fi
  if [ "$sign" = "-" ] && [ $found = 1 ]; then echo "UNEXPECTED in $file: $text"; status=1; fi
done < "$expect"
[ $checked -gt 0 ] || { echo "no expectations read"; exit 1; }
echo "$checked expectations checked"
exit $status
