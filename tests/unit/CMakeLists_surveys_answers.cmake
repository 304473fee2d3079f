# Survey templates and answers (issue 11): the domain rules, AnswersApp and TemplatesApp over
# tests/fakes/surveys_answer_fakes.h, and the inbound-reply route. Included from tests/unit/CMakeLists.txt.
add_executable(surveys_answers_test
  "${CMAKE_CURRENT_LIST_DIR}/surveys_templates_domain_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/surveys_answers_app_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/surveys_reply_route_test.cc")
target_link_libraries(surveys_answers_test PRIVATE careloop_surveys_adapters GTest::gtest_main)
target_include_directories(surveys_answers_test PRIVATE ${PROJECT_SOURCE_DIR})
careloop_strict(surveys_answers_test)
gtest_discover_tests(surveys_answers_test PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)

# careloopctl's survey flags and views.
if(TARGET careloopctl_lib)
  add_executable(careloopctl_survey_test "${CMAKE_CURRENT_LIST_DIR}/careloopctl_survey_test.cc")
  target_link_libraries(careloopctl_survey_test PRIVATE careloopctl_lib GTest::gtest_main)
  careloop_strict(careloopctl_survey_test)
  careloopctl_link_all_protos(careloopctl_survey_test)
  gtest_discover_tests(careloopctl_survey_test PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)
endif()
