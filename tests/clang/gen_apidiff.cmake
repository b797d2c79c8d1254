# api-diff of the headers `dalgen generate` writes for two schema versions.
#   cmake -DDALGEN=<exe> -DSRC=<dir of inputs> -DOUT=<scratch dir>
#         -DOLD=<schema> -DNEW=<schema> -DOLD_Q=<queries> -DNEW_Q=<queries>
#         -DINC=<dal.h folder> -DEXPECTED=<patterns> -DEXPECT_RC=<n> -P gen_apidiff.cmake
# EXPECTED holds patterns, one a line ('#' lines are comments): "+ text"
# must be part of some output line, "- text" of none.  Patterns survive
# changes to the generated code's layout that moves line numbers.
file(REMOVE_RECURSE ${OUT})
foreach(v old new)
  string(TOUPPER ${v} V)
  execute_process(COMMAND ${DALGEN} generate --schema ${SRC}/${${V}} --queries ${SRC}/${${V}_Q}
                          --prefix blog --out ${OUT}/${v}
    RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "dalgen generate ${${V}}: exit status ${rc}\n${err}")
  endif()
endforeach()
execute_process(COMMAND ${DALGEN} api-diff old/blog.h new/blog.h --clang-arg -I${INC}
  WORKING_DIRECTORY ${OUT} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL EXPECT_RC)
  message(FATAL_ERROR "api-diff: exit status ${rc}, expected ${EXPECT_RC}\n${out}${err}")
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
  message(FATAL_ERROR "${failed}--- api-diff output:\n${out}")
endif()
