# Runs one command and checks its exit status and that its stdout has every
# "+ text" line of EXPECTED in it and no "- text" line ('#' lines are
# comments).  For outputs owned by other parts of dalgen, whose layout may
# change: patterns are written by hand (regen.sh leaves them alone).
#   cmake -DCMD=<a|b|c> -DWORKDIR=<dir> -DEXPECTED=<file> -DEXPECT_RC=<n> -P check_patterns.cmake
string(REPLACE "|" ";" CMD "${CMD}")
execute_process(COMMAND ${CMD} WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL EXPECT_RC)
  message(FATAL_ERROR "exit status ${rc}, expected ${EXPECT_RC}\n${out}${err}")
endif()
include(${CMAKE_CURRENT_LIST_DIR}/patterns.cmake)
check_patterns("${out}" ${EXPECTED})
