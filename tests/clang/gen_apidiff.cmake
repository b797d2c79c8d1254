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
include(${CMAKE_CURRENT_LIST_DIR}/patterns.cmake)
check_patterns("${out}" ${EXPECTED})
