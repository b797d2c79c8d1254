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
file(STRINGS ${EXPECTED} patterns)
set(failed "")
foreach(p IN LISTS patterns)
  if(p MATCHES "^([+-]) (.*)$")
    string(FIND "${out}" "${CMAKE_MATCH_2}" at)
    if(CMAKE_MATCH_1 STREQUAL "+" AND at EQUAL -1)
      string(APPEND failed "missing: ${CMAKE_MATCH_2}\n")
    elseif(CMAKE_MATCH_1 STREQUAL "-" AND NOT at EQUAL -1)
      string(APPEND failed "unexpected: ${CMAKE_MATCH_2}\n")
    endif()
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "${failed}--- output:\n${out}")
endif()
