# dalgen.cmake - dalgen_generate(): run `dalgen generate` as a build step.
#
#   dalgen_generate(
#     TARGET     app                  # target that compiles the generated sources
#     PREFIX     blog                 # C prefix; writes <OUT_DIR>/blog.h and blog.c
#     SCHEMA     schema.sql ...       # files, folders (every *.sql), a .db, a .h
#     QUERIES    queries.sql ...      # optional: files or folders
#     MIGRATIONS migrations/          # optional: embeds blog_migrate()
#     OUT_DIR    ${CMAKE_CURRENT_BINARY_DIR}/gen   # default
#     TEMPLATES  dir/                 # optional: overrides the embedded templates
#     OPTIONS    --no-singularize ... # optional: more `dalgen generate` flags
#   )
#
# Relative paths are taken from the current source folder.  The command
# depends on every input file, every file of every input folder (globbed with
# CONFIGURE_DEPENDS, so a new file re-runs CMake and then dalgen), the
# templates, the dalgen executable and its own arguments.  `dalgen generate`
# leaves files whose content would not change untouched; the generated
# sources are BYPRODUCTS and the OUTPUT is a stamp file, so with Ninja and
# with Makefiles a change that yields the same text recompiles nothing.
#
# Which dalgen runs: DALGEN_EXECUTABLE when set (a host dalgen when
# cross-compiling, or when dalgen itself was configured with
# DALGEN_BUILD_GENERATOR=OFF), else the target dalgen::dalgen (from
# find_package(dalgen) or add_subdirectory).  Call dalgen_generate() in the
# folder that creates TARGET.

set(DALGEN_EXECUTABLE "" CACHE FILEPATH
  "dalgen to run at build time (default: the dalgen::dalgen target)")

# Every file an input path stands for: the file itself, or for a folder
# every file in it matching `globs`.
function(_dalgen_expand_inputs out_var globs)
  set(files "")
  foreach(p IN LISTS ARGN)
    if(IS_DIRECTORY "${p}")
      set(patterns "")
      foreach(g IN LISTS globs)
        list(APPEND patterns "${p}/${g}")
      endforeach()
      file(GLOB found LIST_DIRECTORIES false CONFIGURE_DEPENDS ${patterns})
      list(APPEND files ${found})
    else()
      list(APPEND files "${p}")
    endif()
  endforeach()
  set(${out_var} "${files}" PARENT_SCOPE)
endfunction()

# Absolute paths of inputs given for `what`; an input that neither exists nor
# is produced by the build (GENERATED) is an error now rather than at build
# time (it is often a misspelt keyword: QUERY for QUERIES).
function(_dalgen_abs_paths out_var what)
  set(paths "")
  foreach(p IN LISTS ARGN)
    get_filename_component(abs "${p}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    get_source_file_property(generated "${abs}" GENERATED)
    if(NOT EXISTS "${abs}" AND NOT generated)
      message(FATAL_ERROR "dalgen_generate: ${what} ${p}: no such file or folder")
    endif()
    list(APPEND paths "${abs}")
  endforeach()
  set(${out_var} "${paths}" PARENT_SCOPE)
endfunction()

# Sets out_cmd to what to run and out_dep to what the command depends on.
function(_dalgen_pick_executable out_cmd out_dep)
  if(DALGEN_EXECUTABLE)
    set(${out_cmd} "${DALGEN_EXECUTABLE}" PARENT_SCOPE)
    set(${out_dep} "${DALGEN_EXECUTABLE}" PARENT_SCOPE)
    return()
  endif()
  if(NOT TARGET dalgen::dalgen)
    message(FATAL_ERROR
      "dalgen_generate: no dalgen executable. Set DALGEN_EXECUTABLE to a dalgen "
      "that runs on this machine, or use a dalgen built with DALGEN_BUILD_GENERATOR=ON.")
  endif()
  get_target_property(imported dalgen::dalgen IMPORTED)
  if(CMAKE_CROSSCOMPILING AND (imported OR NOT CMAKE_CROSSCOMPILING_EMULATOR))
    message(FATAL_ERROR
      "dalgen_generate: cross-compiling; set DALGEN_EXECUTABLE to a dalgen built for the host.")
  endif()
  # The target name: CMake runs its file (through CMAKE_CROSSCOMPILING_EMULATOR
  # when one is set).
  set(${out_cmd} dalgen::dalgen PARENT_SCOPE)
  if(imported)
    set(${out_dep} "$<TARGET_FILE:dalgen::dalgen>" PARENT_SCOPE)
  else()
    # A target name gives both the target-level and the file-level dependency.
    get_target_property(real dalgen::dalgen ALIASED_TARGET)
    set(${out_dep} "${real}" PARENT_SCOPE)
  endif()
endfunction()

function(dalgen_generate)
  cmake_parse_arguments(PARSE_ARGV 0 DG "" "TARGET;PREFIX;MIGRATIONS;OUT_DIR;TEMPLATES"
                        "SCHEMA;QUERIES;OPTIONS")
  if(DG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "dalgen_generate: unknown arguments: ${DG_UNPARSED_ARGUMENTS}")
  endif()
  foreach(req TARGET PREFIX SCHEMA)
    if(NOT DG_${req})
      message(FATAL_ERROR "dalgen_generate: ${req} is required")
    endif()
  endforeach()
  if(NOT TARGET ${DG_TARGET})
    message(FATAL_ERROR "dalgen_generate: ${DG_TARGET} is not a target")
  endif()
  if(NOT DG_OUT_DIR)
    set(DG_OUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/gen")
  endif()
  get_filename_component(out_dir "${DG_OUT_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")

  _dalgen_abs_paths(schema SCHEMA ${DG_SCHEMA})
  _dalgen_abs_paths(queries QUERIES ${DG_QUERIES})
  set(args generate)
  set(depends "")
  foreach(s IN LISTS schema)
    list(APPEND args --schema "${s}")
  endforeach()
  _dalgen_expand_inputs(files "*.sql" ${schema})
  list(APPEND depends ${files})
  foreach(q IN LISTS queries)
    list(APPEND args --queries "${q}")
  endforeach()
  _dalgen_expand_inputs(files "*.sql" ${queries})
  list(APPEND depends ${files})
  if(DG_MIGRATIONS)
    _dalgen_abs_paths(migrations MIGRATIONS "${DG_MIGRATIONS}")
    list(APPEND args --migrations "${migrations}")
    _dalgen_expand_inputs(files "*" "${migrations}")
    list(APPEND depends ${files})
  endif()
  if(DG_TEMPLATES)
    _dalgen_abs_paths(templates TEMPLATES "${DG_TEMPLATES}")
    list(APPEND args --templates "${templates}")
    file(GLOB_RECURSE files LIST_DIRECTORIES false CONFIGURE_DEPENDS "${templates}/*")
    list(APPEND depends ${files})
  endif()
  list(APPEND args --prefix "${DG_PREFIX}" --out "${out_dir}" ${DG_OPTIONS})

  # The arguments as a file that changes only when they do: Makefiles do not
  # re-run a command whose command line changed, this dependency makes them.
  set(state_dir "${CMAKE_CURRENT_BINARY_DIR}/CMakeFiles/dalgen")
  string(MAKE_C_IDENTIFIER "${DG_TARGET}_${DG_PREFIX}" tag)
  string(REPLACE ";" "\n" args_text "${args}")
  file(CONFIGURE OUTPUT "${state_dir}/${tag}.args" CONTENT "${args_text}\n" @ONLY)
  list(APPEND depends "${state_dir}/${tag}.args")

  _dalgen_pick_executable(exe exe_dep)
  set(stamp "${state_dir}/${tag}.stamp")
  set(sources "${out_dir}/${DG_PREFIX}.h" "${out_dir}/${DG_PREFIX}.c")
  add_custom_command(
    OUTPUT "${stamp}"
    BYPRODUCTS ${sources}
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${out_dir}"
    COMMAND "${exe}" ${args}
    COMMAND "${CMAKE_COMMAND}" -E touch "${stamp}"
    DEPENDS ${depends} ${exe_dep}
    COMMENT "dalgen: generating ${DG_PREFIX}.h and ${DG_PREFIX}.c"
    VERBATIM)
  # Listing the stamp among the sources ties the command to the target.
  target_sources(${DG_TARGET} PRIVATE ${sources} "${stamp}")
  target_include_directories(${DG_TARGET} PUBLIC "$<BUILD_INTERFACE:${out_dir}>")
  target_link_libraries(${DG_TARGET} PUBLIC dalgen::dal)
endfunction()
