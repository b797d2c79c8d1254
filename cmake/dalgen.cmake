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
#   dalgen_generate(
#     TARGET     app
#     CONFIG     dalgen.yaml          # the inputs and options from the file (docs/config.md)
#     [PREFIX blog] [SCHEMA ...] [QUERIES ...] [MIGRATIONS ...] [TEMPLATES ...]
#     [OUT_DIR ...] [OPTIONS ...]     # optional; given ones win over the file's keys
#   )
#
# With CONFIG the project keeps its inputs and options in one place, the
# file.  PREFIX defaults to the file's top-level `prefix:` line (read at
# configure time: the output file names must be known then); a sqlc.yaml
# has none, so give PREFIX (and use a sqlc.yaml with one sqlite entry).  The
# output goes to OUT_DIR (the file's `out:` is for the command line).  The
# file names its inputs, so dalgen itself lists what it read in a depfile
# (`dalgen generate --depfile`) and the build reruns it when one of them,
# or the file, changes.
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

# The prefix a config file gives on its top-level `prefix:` line (a C
# identifier, plain or quoted); an error when there is none.
function(_dalgen_config_prefix out_var config)
  file(STRINGS "${config}" lines REGEX "^prefix:")
  set(prefix "")
  foreach(line IN LISTS lines)
    if(line MATCHES "^prefix:[ \t]*[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?[ \t]*(#.*)?$")
      set(prefix "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  if(prefix STREQUAL "")
    message(FATAL_ERROR "dalgen_generate: CONFIG ${config} has no top-level `prefix: NAME` line; give PREFIX")
  endif()
  set(${out_var} "${prefix}" PARENT_SCOPE)
endfunction()

function(dalgen_generate)
  cmake_parse_arguments(PARSE_ARGV 0 DG "" "TARGET;PREFIX;MIGRATIONS;OUT_DIR;TEMPLATES;CONFIG"
                        "SCHEMA;QUERIES;OPTIONS")
  if(DG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "dalgen_generate: unknown arguments: ${DG_UNPARSED_ARGUMENTS}")
  endif()
  set(required TARGET PREFIX SCHEMA)
  set(prefix_arg "")
  if(DG_CONFIG)
    _dalgen_abs_paths(config CONFIG "${DG_CONFIG}")
    set(required TARGET)
    if(DG_PREFIX)
      set(prefix_arg --prefix "${DG_PREFIX}")
    else()
      _dalgen_config_prefix(DG_PREFIX "${config}")
    endif()
  endif()
  foreach(req ${required})
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
  if(DG_CONFIG)
    list(APPEND args --config "${config}")
    list(APPEND depends "${config}")
  endif()
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
  if(DG_CONFIG)
    list(APPEND args ${prefix_arg} --out "${out_dir}" ${DG_OPTIONS})
  else()
    list(APPEND args --prefix "${DG_PREFIX}" --out "${out_dir}" ${DG_OPTIONS})
  endif()

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
  set(depfile_args "")
  set(run_args ${args})
  if(DG_CONFIG)
    # The inputs are the file's: dalgen names what it read.
    set(depfile_args DEPFILE "${stamp}.d")
    list(APPEND run_args --depfile "${stamp}.d")
  endif()
  add_custom_command(
    OUTPUT "${stamp}"
    BYPRODUCTS ${sources}
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${out_dir}"
    COMMAND "${exe}" ${run_args}
    COMMAND "${CMAKE_COMMAND}" -E touch "${stamp}"
    DEPENDS ${depends} ${exe_dep}
    ${depfile_args}
    COMMENT "dalgen: generating ${DG_PREFIX}.h and ${DG_PREFIX}.c"
    VERBATIM)
  # Listing the stamp among the sources ties the command to the target.
  target_sources(${DG_TARGET} PRIVATE ${sources} "${stamp}")
  target_include_directories(${DG_TARGET} PUBLIC "$<BUILD_INTERFACE:${out_dir}>")
  target_link_libraries(${DG_TARGET} PUBLIC dalgen::dal)
endfunction()
