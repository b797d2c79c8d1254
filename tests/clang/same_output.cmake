# Runs two commands (both must succeed) and fails when their stdout differs.
#   cmake -DCMD_A=<;-list> -DCMD_B=<;-list> -DWORKDIR=<dir> -P same_output.cmake
foreach(which A B)
  execute_process(COMMAND ${CMD_${which}} WORKING_DIRECTORY ${WORKDIR}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out_${which} ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${CMD_${which}}: exit status ${rc}\n${err}")
  endif()
endforeach()
if(out_A STREQUAL "")
  message(FATAL_ERROR "no output from ${CMD_A}")
endif()
if(NOT out_A STREQUAL out_B)
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/a.out "${out_A}")
  file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/b.out "${out_B}")
  execute_process(COMMAND diff -u ${CMAKE_CURRENT_BINARY_DIR}/a.out ${CMAKE_CURRENT_BINARY_DIR}/b.out)
  message(FATAL_ERROR "the outputs differ")
endif()
