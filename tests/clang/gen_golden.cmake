# Golden files of `dalgen generate --header models.h`: the generated app.h
# and app.c against tests/clang/models/gen/*.expected.
#   cmake -DDALGEN=<exe> -DHEADER=<models.h> -DINC=<dal.h folder> -DOUT=<scratch dir>
#         -DEXPECTED_DIR=<dir> -P gen_golden.cmake
# The banner and the #include name the header relative to OUT; that path
# is written as "models.h" so that the expected files do not depend on where
# the build folder is.  DALGEN_REGEN=1 rewrites them (tests/clang/regen.sh).
file(REMOVE_RECURSE ${OUT})
execute_process(COMMAND ${DALGEN} generate --header ${HEADER} --clang-arg -I${INC} --prefix app --out ${OUT}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "dalgen generate: exit status ${rc}\n${out}${err}")
endif()
if(NOT "${err}" STREQUAL "")
  message(FATAL_ERROR "dalgen generate printed diagnostics:\n${err}")
endif()
file(RELATIVE_PATH rel ${OUT} ${HEADER})
set(failed "")
foreach(f app.h app.c)
  file(READ ${OUT}/${f} actual)
  string(REPLACE "${rel}" "models.h" actual "${actual}")
  if("$ENV{DALGEN_REGEN}" STREQUAL "1")
    file(WRITE ${EXPECTED_DIR}/${f}.expected "${actual}")
    continue()
  endif()
  file(READ ${EXPECTED_DIR}/${f}.expected expected)
  if(NOT actual STREQUAL expected)
    file(WRITE ${OUT}/${f}.actual "${actual}")
    execute_process(COMMAND diff -u ${EXPECTED_DIR}/${f}.expected ${OUT}/${f}.actual)
    string(APPEND failed "${f} differs from ${EXPECTED_DIR}/${f}.expected (actual: ${OUT}/${f}.actual)\n")
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "${failed}")
endif()
