# embed.cmake - turns templates/c/*.tmpl into a C source that defines
# dg_builtin_templates (generator/c/template_builtin.h), so the dalgen
# binary works without its source tree.
#   cmake -DTEMPLATE_DIR=... -DOUTPUT=... -P embed.cmake
# Each text is a char array of hex bytes: string literals would exceed the
# 4,095 characters C guarantees.
file(GLOB templates RELATIVE ${TEMPLATE_DIR} ${TEMPLATE_DIR}/*.tmpl)
list(SORT templates)
set(body "/* generated from templates/c by templates/embed.cmake; do not edit */\n#include \"c/template_builtin.h\"\n\n")
set(table "")
set(i 0)
foreach(t ${templates})
  file(READ ${TEMPLATE_DIR}/${t} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
  string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" hex "${hex}")
  string(REGEX REPLACE "\\.tmpl$" "" name ${t})
  string(APPEND body "static const unsigned char t${i}[] = {\n${hex}0};\n")
  string(APPEND table "    {\"${name}\", (const char *)t${i}},\n")
  math(EXPR i "${i} + 1")
endforeach()
string(APPEND body "\nconst dg_builtin_template dg_builtin_templates[] = {\n${table}    {0, 0}\n};\nconst size_t dg_builtin_template_count = ${i};\n")
set(tmp "${OUTPUT}.tmp")
file(WRITE ${tmp} "${body}")
file(COPY_FILE ${tmp} ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${tmp})
