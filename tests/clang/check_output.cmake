# Runs one command and compares its exit status and output with expectations.
#   cmake -DCMD=<arguments separated by |> -DWORKDIR=<dir> -DEXPECTED=<file> -DEXPECT_RC=<n>
#         [-DSTREAM=stdout|stderr|both] -P check_output.cmake
# With the environment variable DALGEN_REGEN=1 the expected file is rewritten
# instead (tests/clang/regen.sh).
string(REPLACE "|" ";" CMD "${CMD}")
if(NOT STREAM)
  set(STREAM stdout)
endif()
execute_process(COMMAND ${CMD} WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(STREAM STREQUAL "stderr")
  set(actual "${err}")
elseif(STREAM STREQUAL "both")
  set(actual "${out}${err}")
else()
  set(actual "${out}")
endif()
if(NOT "${rc}" STREQUAL "${EXPECT_RC}")
  message(FATAL_ERROR "exit status ${rc}, expected ${EXPECT_RC}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if("$ENV{DALGEN_REGEN}" STREQUAL "1")
  file(WRITE ${EXPECTED} "${actual}")
  return()
endif()
file(READ ${EXPECTED} expected)
if(NOT actual STREQUAL expected)
  get_filename_component(name ${EXPECTED} NAME)
  set(saved ${CMAKE_CURRENT_BINARY_DIR}/${name}.actual)
  file(WRITE ${saved} "${actual}")
  execute_process(COMMAND diff -u ${EXPECTED} ${saved})
  message(FATAL_ERROR "output differs from ${EXPECTED} (actual output in ${saved})")
endif()
