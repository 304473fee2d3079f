# App-layer unit tests: each service's use cases over the shared in-memory fakes of its ports
# (tests/fakes/) and a manual clock. Included from tests/unit/CMakeLists.txt.
add_executable(app_tests
  "${CMAKE_CURRENT_LIST_DIR}/reminders_app_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/reminders_rules_app_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/surveys_app_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/surveys_cases_app_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/dispatch_app_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/reminders_care_app_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/care_report_app_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/campaigns_app_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/dispatch_campaign_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/dispatch_policy_app_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/dispatch_plans_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/dispatch_call_tasks_app_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/dispatch_case_follow_ups_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/dispatch_batch_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/dispatch_batch_speed_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/reminders_get_many_test.cc"

  "${CMAKE_CURRENT_LIST_DIR}/reminders_survey_invitation_test.cc")
target_link_libraries(app_tests PRIVATE
  careloop_reminders_app careloop_surveys_app careloop_dispatch_app careloop_config careloop_clock careloop_auth
  GTest::gtest_main GTest::gmock)
# The fakes are included as "tests/fakes/...".
target_include_directories(app_tests PRIVATE ${PROJECT_SOURCE_DIR})
careloop_strict(app_tests)
include(GoogleTest)
gtest_discover_tests(app_tests PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)

# The customers use cases over tests/fakes/customers_fakes.h, and the pure parts of the adapters
# and boundaries: the dispatch-event handler's Retry/Poison decisions over the same fakes, the
# event payloads (customer_events.h) and the gRPC boundary's exception mapping.
add_executable(customers_app_test "${CMAKE_CURRENT_LIST_DIR}/customers_app_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/customers_reports_app_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/customers_vehicles_app_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/customer_events_test.cc" "${CMAKE_CURRENT_LIST_DIR}/grpc_boundary_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/customers_delivery_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/customers_complaint_cases_test.cc")
target_link_libraries(customers_app_test PRIVATE careloop_customers_adapters GTest::gtest_main)
target_include_directories(customers_app_test PRIVATE ${PROJECT_SOURCE_DIR})
careloop_strict(customers_app_test)
gtest_discover_tests(customers_app_test PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)

# The reminders' care routes (appointments, greetings, win-back) over tests/fakes/reminders_care_fakes.h.
add_executable(reminders_care_events_test "${CMAKE_CURRENT_LIST_DIR}/reminders_care_events_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/reminders_case_timers_test.cc")
target_link_libraries(reminders_care_events_test PRIVATE careloop_reminders_adapters GTest::gtest_main)
target_include_directories(reminders_care_events_test PRIVATE ${PROJECT_SOURCE_DIR})
careloop_strict(reminders_care_events_test)
gtest_discover_tests(reminders_care_events_test PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)
