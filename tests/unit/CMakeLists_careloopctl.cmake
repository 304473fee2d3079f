# careloopctl helpers (tools/careloopctl). Included from tests/unit/CMakeLists.txt.
if(NOT TARGET careloopctl_lib)
  return()  # careloopctl is not built (CARELOOP_BUILD_CTL=OFF)
endif()
add_executable(careloopctl_test
  "${CMAKE_CURRENT_LIST_DIR}/careloopctl_table_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/careloopctl_values_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/careloopctl_health_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/careloopctl_events_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/careloopctl_report_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/careloopctl_json_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/careloopctl_usage_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/careloopctl_calendar_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/careloopctl_rules_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/careloopctl_appointment_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/careloopctl_care_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/careloopctl_campaign_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/careloopctl_template_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/careloopctl_message_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/careloopctl_plan_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/careloopctl_task_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/careloopctl_csi_test.cc"

  "${CMAKE_CURRENT_LIST_DIR}/careloopctl_case_test.cc")
target_link_libraries(careloopctl_test PRIVATE careloopctl_lib GTest::gtest_main)
careloop_strict(careloopctl_test)
careloopctl_link_all_protos(careloopctl_test)
include(GoogleTest)
gtest_discover_tests(careloopctl_test PROPERTIES LABELS unit)
