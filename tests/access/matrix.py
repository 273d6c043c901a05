"""The access matrix: for every route and method, the answer each persona gets.

Columns, in order:
anonymous, participant, other participant, LLME,
other hub's LLME, hub A staff, hub B staff, national team.
Made by `python -m tests.access.render --record DIR` from what the platform answered, then
reviewed; test_matrix.py holds every route to it, and docs/access.md is made from it.
"""

MATRIX: dict[str, dict[str, str]] = {
    "accounts:create": {
        "GET": "signin signin signin signin signin signin signin signin",
        "POST": "signin signin signin signin signin signin signin signin",
    },
    "accounts:create_code": {
        "GET": "signin signin signin signin signin signin signin signin",
        "POST": "signin signin signin signin signin signin signin signin",
    },
    "accounts:create_code_new": {
        "GET": "signin signin signin signin signin signin signin signin",
        "POST": "signin signin signin signin signin signin signin signin",
    },
    "accounts:create_password": {
        "GET": "signin signin signin signin signin signin signin signin",
        "POST": "signin signin signin signin signin signin signin signin",
    },
    "accounts:login": {
        "GET": "200 200 200 200 200 200 200 200",
        "POST": "200 200 200 200 200 200 200 200",
    },
    "accounts:login_password": {
        "GET": "signin signin signin signin signin signin signin signin",
        "POST": "signin signin signin signin signin signin signin signin",
    },
    "accounts:logout": {
        "GET": "405 405 405 405 405 405 405 405",
        "POST": "302 302 302 302 302 302 302 302",
    },
    "accounts:profile": {
        "GET": "signin 200 200 200 200 200 200 200",
        "POST": "signin 200 200 200 200 200 200 200",
    },
    "accounts:reset": {
        "GET": "200 200 200 200 200 200 200 200",
        "POST": "200 200 200 200 200 200 200 200",
    },
    "accounts:reset_code": {
        "GET": "302 302 302 302 302 302 302 302",
        "POST": "302 302 302 302 302 302 302 302",
    },
    "accounts:reset_code_new": {
        "GET": "302 302 302 302 302 302 302 302",
        "POST": "302 302 302 302 302 302 302 302",
    },
    "accounts:reset_password": {
        "GET": "302 302 302 302 302 302 302 302",
        "POST": "302 302 302 302 302 302 302 302",
    },
    "accounts:token_create": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 400 400 400 400 400 400 400",
    },
    "accounts:token_revoke": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 302 404 404 404 404 404 404",
    },
    "activities:add_lead": {
        "GET": "signin 403 404 403 404 200 404 200",
        "POST": "signin 403 404 403 404 200 404 200",
    },
    "activities:add_participant": {
        "GET": "signin 403 404 403 404 200 404 200",
        "POST": "signin 403 404 403 404 200 404 200",
    },
    "activities:complete_activity": {
        "GET": "signin 403 404 403 404 200 404 200",
        "POST": "signin 403 404 403 404 200 404 200",
    },
    "activities:complete_school": {
        "GET": "signin 403 404 403 404 200 404 200",
        "POST": "signin 403 404 403 404 200 404 200",
    },
    "activities:create_local": {
        "GET": "signin 403 403 403 403 200 200 200",
        "POST": "signin 403 403 403 403 200 200 200",
    },
    "activities:detail": {
        "GET": "signin 200 404 200 404 200 404 200",
        "POST": "signin 200 404 200 404 200 404 200",
    },
    "activities:enrol_school": {
        "GET": "signin 403 404 403 404 200 404 200",
        "POST": "signin 403 404 403 404 200 404 200",
    },
    "activities:hub_current": {
        "GET": "signin 302 302 302 302 302 302 302",
        "POST": "signin 302 302 302 302 302 302 302",
    },
    "activities:hub_year": {
        "GET": "signin 200 200 200 200 200 200 200",
        "POST": "signin 200 200 200 200 200 200 200",
    },
    "activities:list": {
        "GET": "signin 200 200 200 200 200 200 200",
        "POST": "signin 200 200 200 200 200 200 200",
    },
    "activities:remove_lead": {
        "GET": "signin 403 404 403 404 200 404 200",
        "POST": "signin 403 404 403 404 302 404 302",
    },
    "activities:run_ncp": {
        "GET": "signin 403 403 403 403 200 200 200",
        "POST": "signin 403 403 403 403 200 200 200",
    },
    "activities:withdraw_participant": {
        "GET": "signin 403 404 403 404 200 404 200",
        "POST": "signin 403 404 403 404 200 404 200",
    },
    "activities:withdraw_school": {
        "GET": "signin 403 404 403 404 200 404 200",
        "POST": "signin 403 404 403 404 200 404 200",
    },
    "api:activity_complete": {
        "POST": "401 403 404 403 404 200 404 200",
    },
    "api:activity_create": {
        "POST": "401 403 403 403 403 422 403 422",
    },
    "api:activity_detail": {
        "GET": "401 200 404 200 404 200 404 200",
    },
    "api:activity_grant": {
        "GET": "401 404 404 404 404 200 404 200",
    },
    "api:activity_lead_add": {
        "POST": "401 403 404 403 404 422 404 422",
    },
    "api:activity_lead_remove": {
        "DELETE": "401 403 404 403 404 200 404 200",
    },
    "api:activity_list": {
        "GET": "401 200 200 200 200 200 200 200",
    },
    "api:activity_participant_add": {
        "POST": "401 403 404 403 404 422 404 422",
    },
    "api:activity_participant_withdraw": {
        "POST": "401 403 404 403 404 200 404 200",
    },
    "api:activity_participants": {
        "GET": "401 200 404 200 404 200 404 200",
    },
    "api:activity_school_complete": {
        "POST": "401 403 404 403 404 200 404 200",
    },
    "api:activity_school_withdraw": {
        "POST": "401 403 404 403 404 200 404 200",
    },
    "api:api-root": {
        "GET": "404 404 404 404 404 404 404 404",
        "POST": "404 404 404 404 404 404 404 404",
    },
    "api:change_list": {
        "GET": "401 403 403 403 403 200 200 200",
    },
    "api:event_attendance": {
        "GET": "401 403 404 200 404 200 404 403",
    },
    "api:event_attendance_import": {
        "POST": "401 403 404 422 404 422 404 403",
    },
    "api:event_cancel": {
        "POST": "401 422 404 422 404 422 404 422",
    },
    "api:event_cancel_event": {
        "POST": "401 403 404 422 404 422 404 403",
    },
    "api:event_confirm": {
        "POST": "401 422 404 422 404 403 404 403",
    },
    "api:event_create": {
        "POST": "401 403 404 422 404 422 404 422",
    },
    "api:event_create_national": {
        "POST": "401 403 403 403 403 403 403 422",
    },
    "api:event_detail": {
        "GET": "401 200 404 200 404 200 404 200",
    },
    "api:event_invite": {
        "POST": "401 403 404 422 404 422 404 403",
    },
    "api:event_list": {
        "GET": "401 200 200 200 200 200 200 200",
    },
    "api:event_requirements": {
        "GET": "401 200 404 200 404 200 404 200",
    },
    "api:event_requirements_save": {
        "PUT": "401 422 404 422 404 422 404 422",
    },
    "api:event_update": {
        "PATCH": "401 403 404 200 404 200 404 403",
    },
    "api:event_waiting_join": {
        "POST": "401 422 404 422 404 403 404 403",
    },
    "api:event_waiting_leave": {
        "DELETE": "401 422 404 422 404 422 404 422",
    },
    "api:find_hub": {
        "GET": "200 200 200 200 200 200 200 200",
    },
    "api:happi": {
        "GET": "401 404 404 200 404 200 404 200",
    },
    "api:happi_compare": {
        "GET": "401 404 404 200 404 200 404 200",
    },
    "api:happi_create": {
        "POST": "401 404 404 201 404 403 404 403",
    },
    "api:happi_list": {
        "GET": "401 403 403 200 200 200 200 200",
    },
    "api:happi_section_accept": {
        "POST": "401 404 404 403 404 422 404 403",
    },
    "api:happi_section_return": {
        "POST": "401 404 404 403 404 422 404 403",
    },
    "api:happi_section_save": {
        "PUT": "401 404 404 200 404 403 404 403",
    },
    "api:happi_section_submit": {
        "POST": "401 404 404 422 404 403 404 403",
    },
    "api:happi_version": {
        "GET": "401 404 404 200 404 200 404 200",
    },
    "api:hub_detail": {
        "GET": "200 200 200 200 200 200 200 200",
    },
    "api:hub_grants": {
        "GET": "401 404 404 404 404 200 404 200",
    },
    "api:hub_journey": {
        "GET": "401 404 404 404 404 200 404 200",
    },
    "api:hub_list": {
        "GET": "200 200 200 200 200 200 200 200",
    },
    "api:hub_llmes": {
        "GET": "401 404 404 200 404 200 404 200",
    },
    "api:institution_detail": {
        "GET": "200 200 200 200 200 200 200 200",
    },
    "api:institution_journey": {
        "GET": "401 200 404 200 404 200 404 200",
    },
    "api:institution_list": {
        "GET": "200 200 200 200 200 200 200 200",
    },
    "api:llme_summary": {
        "GET": "401 403 403 403 403 200 200 200",
    },
    "api:me": {
        "GET": "401 200 200 200 200 200 200 200",
    },
    "api:ncp_detail": {
        "GET": "200 200 200 200 200 200 200 200",
    },
    "api:ncp_grant": {
        "GET": "200 200 200 200 200 200 200 200",
    },
    "api:no_such_operation": {
        "GET": "404 404 404 404 404 404 404 404",
        "POST": "404 404 404 404 404 404 404 404",
    },
    "api:notification_setting": {
        "GET": "401 200 200 200 200 200 200 200",
    },
    "api:notification_setting_set": {
        "PUT": "401 422 422 422 422 422 422 422",
    },
    "api:openapi-json": {
        "GET": "200 200 200 200 200 200 200 200",
        "POST": "200 200 200 200 200 200 200 200",
    },
    "api:openapi-view": {
        "GET": "200 200 200 200 200 200 200 200",
        "POST": "200 200 200 200 200 200 200 200",
    },
    "api:person_list": {
        "GET": "401 200 200 200 200 200 200 200",
    },
    "api:privacy_me_data": {
        "GET": "401 200 200 200 200 200 200 200",
    },
    "api:privacy_person_data": {
        "GET": "401 200 403 403 403 200 403 200",
    },
    "api:privacy_person_erase": {
        "POST": "401 403 403 403 403 403 403 422",
    },
    "api:project_create": {
        "POST": "401 403 403 403 403 403 403 422",
    },
    "api:project_move": {
        "POST": "401 403 403 403 403 403 403 204",
    },
    "api:project_update": {
        "PUT": "401 403 403 403 403 403 403 422",
    },
    "api:project_withdraw": {
        "DELETE": "401 403 403 403 403 403 403 422",
    },
    "api:report_figure": {
        "GET": "401 404 404 404 404 200 200 200",
    },
    "api:report_figure_rows_csv": {
        "GET": "401 404 404 404 404 200 404 200",
    },
    "api:report_figures": {
        "GET": "401 404 404 404 404 200 200 200",
    },
    "api:report_figures_csv": {
        "GET": "401 404 404 404 404 200 200 200",
    },
    "api:results_activity": {
        "GET": "401 404 404 200 404 200 404 200",
    },
    "api:results_comparison": {
        "GET": "401 403 403 200 200 200 200 200",
    },
    "api:results_completion": {
        "GET": "401 403 403 200 200 200 200 200",
    },
    "api:results_remind": {
        "POST": "401 404 404 422 404 403 404 403",
    },
    "api:results_survey": {
        "GET": "401 403 403 200 200 200 200 200",
    },
    "api:revisions": {
        "GET": "401 403 403 403 403 403 403 200",
    },
    "api:space_comment_boost": {
        "POST": "401 201 404 201 404 404 404 201",
    },
    "api:space_comment_create": {
        "POST": "401 201 404 201 404 404 404 201",
    },
    "api:space_comment_delete": {
        "DELETE": "401 204 404 204 404 404 404 204",
    },
    "api:space_comment_update": {
        "PATCH": "401 200 404 200 404 404 404 200",
    },
    "api:space_detail": {
        "GET": "401 200 404 200 404 404 404 200",
    },
    "api:space_document": {
        "GET": "401 200 404 200 404 404 404 200",
    },
    "api:space_document_download": {
        "GET": "401 200 404 200 404 404 404 200",
    },
    "api:space_document_restore": {
        "POST": "401 201 404 201 404 404 404 201",
    },
    "api:space_document_text_version": {
        "POST": "401 422 404 422 404 404 404 422",
    },
    "api:space_document_upload": {
        "POST": "401 201 404 201 404 404 404 201",
    },
    "api:space_document_version_upload": {
        "POST": "401 201 404 201 404 404 404 201",
    },
    "api:space_documents": {
        "GET": "401 200 404 200 404 404 404 200",
    },
    "api:space_list": {
        "GET": "401 200 200 200 200 200 200 200",
    },
    "api:space_notification_setting": {
        "GET": "401 200 404 200 404 404 404 200",
    },
    "api:space_notification_setting_clear": {
        "DELETE": "401 200 404 200 404 404 404 200",
    },
    "api:space_notification_setting_set": {
        "PUT": "401 422 404 422 404 404 404 422",
    },
    "api:space_text_document_create": {
        "POST": "401 201 404 201 404 404 404 201",
    },
    "api:space_thread": {
        "GET": "401 200 404 200 404 404 404 200",
    },
    "api:space_thread_boost": {
        "POST": "401 201 404 201 404 404 404 201",
    },
    "api:space_thread_create": {
        "POST": "401 201 404 201 404 404 404 201",
    },
    "api:space_thread_delete": {
        "DELETE": "401 403 404 204 404 404 404 204",
    },
    "api:space_thread_resubscribe": {
        "DELETE": "401 200 404 200 404 404 404 200",
    },
    "api:space_thread_unsubscribe": {
        "POST": "401 200 404 200 404 404 404 200",
    },
    "api:space_thread_update": {
        "PATCH": "401 403 404 200 404 404 404 200",
    },
    "api:space_threads": {
        "GET": "401 200 404 200 404 404 404 200",
    },
    "api:surveys_detail": {
        "GET": "401 200 404 404 404 404 404 404",
    },
    "api:surveys_mine": {
        "GET": "401 200 200 200 200 200 200 200",
    },
    "api:surveys_section_save": {
        "PUT": "401 200 404 404 404 404 404 404",
    },
    "api:surveys_submit": {
        "POST": "401 422 404 404 404 404 404 404",
    },
    "api:surveys_templates": {
        "GET": "401 403 403 403 403 403 403 200",
    },
    "api:year_create": {
        "POST": "401 403 403 403 403 403 403 422",
    },
    "api:year_diff": {
        "GET": "401 403 403 403 403 403 403 200",
    },
    "api:year_list": {
        "GET": "200 200 200 200 200 200 200 200",
    },
    "api:year_ncps": {
        "GET": "200 200 200 200 200 200 200 200",
    },
    "api:year_publish": {
        "POST": "401 403 403 403 403 403 403 200",
    },
    "api:year_update": {
        "PUT": "401 403 403 403 403 403 403 200",
    },
    "audit:changes": {
        "GET": "signin 403 403 403 403 200 200 200",
        "POST": "signin 405 405 405 405 405 405 405",
    },
    "audit:person_changes": {
        "GET": "signin 404 404 404 404 200 404 200",
        "POST": "signin 405 405 405 405 405 405 405",
    },
    "catalogue:compare": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 200",
    },
    "catalogue:copy": {
        "GET": "405 405 405 405 405 405 405 405",
        "POST": "signin 403 403 403 403 403 403 302",
    },
    "catalogue:editor": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 200",
    },
    "catalogue:index": {
        "GET": "200 200 200 200 200 200 200 200",
        "POST": "200 200 200 200 200 200 200 200",
    },
    "catalogue:ncp": {
        "GET": "200 200 200 200 200 200 200 200",
        "POST": "200 200 200 200 200 200 200 200",
    },
    "catalogue:project_add": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 200",
    },
    "catalogue:project_change": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 200",
    },
    "catalogue:project_move": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 403 403 403 403 403 403 302",
    },
    "catalogue:project_withdraw": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 200",
    },
    "catalogue:publish": {
        "GET": "405 405 405 405 405 405 405 405",
        "POST": "signin 403 403 403 403 403 403 302",
    },
    "catalogue:year": {
        "GET": "200 200 200 200 200 200 200 200",
        "POST": "200 200 200 200 200 200 200 200",
    },
    "catalogue:year_details": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 302",
    },
    "catalogue:year_new": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 200",
    },
    "catalogue:year_yaml": {
        "GET": "200 200 200 200 200 200 200 200",
        "POST": "200 200 200 200 200 200 200 200",
    },
    "collaboration:activity_space": {
        "GET": "signin 302 404 302 404 404 404 302",
        "POST": "signin 302 404 302 404 404 404 302",
    },
    "collaboration:boost": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 302 404 302 404 404 404 302",
    },
    "collaboration:comment_create": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 400 404 400 404 404 404 400",
    },
    "collaboration:delete": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 403 404 302 404 404 404 302",
    },
    "collaboration:document": {
        "GET": "signin 200 404 200 404 404 404 200",
        "POST": "signin 200 404 200 404 404 404 200",
    },
    "collaboration:document_download": {
        "GET": "signin 200 404 200 404 404 404 200",
        "POST": "signin 200 404 200 404 404 404 200",
    },
    "collaboration:document_edit": {
        "GET": "signin 200 404 200 404 404 404 200",
        "POST": "signin 400 404 400 404 404 404 400",
    },
    "collaboration:document_public": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 403 404 302 404 404 404 302",
    },
    "collaboration:document_restore": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 302 404 302 404 404 404 302",
    },
    "collaboration:document_upload": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 302 404 302 404 404 404 302",
    },
    "collaboration:document_version": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 302 404 302 404 404 404 302",
    },
    "collaboration:document_write": {
        "GET": "signin 200 404 200 404 404 404 200",
        "POST": "signin 400 404 400 404 404 404 400",
    },
    "collaboration:edit": {
        "GET": "signin 403 404 200 404 404 404 200",
        "POST": "signin 403 404 400 404 404 404 400",
    },
    "collaboration:notifications": {
        "GET": "signin 200 200 200 200 200 200 200",
        "POST": "signin 400 400 400 400 400 400 400",
    },
    "collaboration:public": {
        "GET": "200 200 200 200 200 200 200 200",
        "POST": "200 200 200 200 200 200 200 200",
    },
    "collaboration:search": {
        "GET": "signin 200 200 200 200 200 200 200",
        "POST": "signin 200 200 200 200 200 200 200",
    },
    "collaboration:space": {
        "GET": "signin 200 404 200 404 404 404 200",
        "POST": "signin 200 404 200 404 404 404 200",
    },
    "collaboration:spaces": {
        "GET": "signin 200 200 200 200 200 200 200",
        "POST": "signin 200 200 200 200 200 200 200",
    },
    "collaboration:subscription": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 302 404 302 404 404 404 302",
    },
    "collaboration:thread": {
        "GET": "signin 200 404 200 404 404 404 200",
        "POST": "signin 200 404 200 404 404 404 200",
    },
    "collaboration:thread_create": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 400 404 400 404 404 404 400",
    },
    "collaboration:unsubscribe": {
        "GET": "200 200 200 200 200 200 200 200",
        "POST": "200 200 200 200 200 200 200 200",
    },
    "directory:find_hub": {
        "GET": "200 200 200 200 200 200 200 200",
        "POST": "200 200 200 200 200 200 200 200",
    },
    "directory:hub_detail": {
        "GET": "200 200 200 200 200 200 200 200",
        "POST": "200 200 200 200 200 200 200 200",
    },
    "directory:hub_list": {
        "GET": "200 200 200 200 200 200 200 200",
        "POST": "200 200 200 200 200 200 200 200",
    },
    "directory:institution_detail": {
        "GET": "200 200 200 200 200 200 200 200",
        "POST": "403 403 403 403 403 403 403 302",
    },
    "directory:institution_list": {
        "GET": "200 200 200 200 200 200 200 200",
        "POST": "200 200 200 200 200 200 200 200",
    },
    "directory:person_detail": {
        "GET": "signin 200 404 200 404 200 404 200",
        "POST": "signin 200 404 200 404 200 404 200",
    },
    "directory:person_email": {
        "GET": "signin 403 403 403 403 200 403 200",
        "POST": "signin 403 403 403 403 200 403 200",
    },
    "directory:person_list": {
        "GET": "signin 403 403 200 200 200 200 200",
        "POST": "signin 403 403 200 200 200 200 200",
    },
    "evaluation:attachment_delete": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 404 404 302 404 403 404 403",
    },
    "evaluation:attachment_download": {
        "GET": "signin 404 404 200 404 200 404 200",
        "POST": "signin 404 404 200 404 200 404 200",
    },
    "evaluation:attachment_upload": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 404 404 200 404 403 404 403",
    },
    "evaluation:compare": {
        "GET": "signin 404 404 200 404 200 404 200",
        "POST": "signin 404 404 200 404 200 404 200",
    },
    "evaluation:happi": {
        "GET": "signin 404 404 200 404 200 404 200",
        "POST": "signin 404 404 200 404 200 404 200",
    },
    "evaluation:happi_create": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 404 404 302 404 403 404 403",
    },
    "evaluation:happi_csv": {
        "GET": "signin 403 403 200 200 200 200 200",
        "POST": "signin 403 403 200 200 200 200 200",
    },
    "evaluation:happi_list": {
        "GET": "signin 403 403 200 200 200 200 200",
        "POST": "signin 403 403 200 200 200 200 200",
    },
    "evaluation:happi_xlsx": {
        "GET": "signin 403 403 200 200 200 200 200",
        "POST": "signin 403 403 200 200 200 200 200",
    },
    "evaluation:project_lead_remove": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 403 403 403 403 403 403 302",
    },
    "evaluation:project_leads": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 200",
    },
    "evaluation:results_activity": {
        "GET": "signin 404 404 200 404 200 404 200",
        "POST": "signin 404 404 200 404 200 404 200",
    },
    "evaluation:results_comparison": {
        "GET": "signin 403 403 200 200 200 200 200",
        "POST": "signin 403 403 200 200 200 200 200",
    },
    "evaluation:results_completion": {
        "GET": "signin 403 403 200 200 200 200 200",
        "POST": "signin 403 403 200 200 200 200 200",
    },
    "evaluation:results_completion_csv": {
        "GET": "signin 403 403 200 200 200 200 200",
        "POST": "signin 403 403 200 200 200 200 200",
    },
    "evaluation:results_completion_xlsx": {
        "GET": "signin 403 403 200 200 200 200 200",
        "POST": "signin 403 403 200 200 200 200 200",
    },
    "evaluation:results_index": {
        "GET": "signin 403 403 200 200 200 200 200",
        "POST": "signin 403 403 200 200 200 200 200",
    },
    "evaluation:results_remind": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 404 404 302 404 403 404 403",
    },
    "evaluation:results_survey": {
        "GET": "signin 403 403 200 200 200 200 200",
        "POST": "signin 403 403 200 200 200 200 200",
    },
    "evaluation:review": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 404 404 403 404 200 404 403",
    },
    "evaluation:section": {
        "GET": "signin 404 404 200 404 200 404 200",
        "POST": "signin 404 404 302 404 404 404 404",
    },
    "evaluation:survey_check": {
        "GET": "signin 200 404 404 404 404 404 404",
        "POST": "signin 400 404 404 404 404 404 404",
    },
    "evaluation:survey_create": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 200",
    },
    "evaluation:survey_list": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 200",
    },
    "evaluation:survey_mine": {
        "GET": "signin 200 200 200 200 200 200 200",
        "POST": "signin 200 200 200 200 200 200 200",
    },
    "evaluation:survey_question_add": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 200",
    },
    "evaluation:survey_question_delete": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 302",
    },
    "evaluation:survey_question_edit": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 200",
    },
    "evaluation:survey_question_move": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 403 403 403 403 403 403 302",
    },
    "evaluation:survey_section": {
        "GET": "signin 200 404 404 404 404 404 404",
        "POST": "signin 400 404 404 404 404 404 404",
    },
    "evaluation:survey_section_add": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 200",
    },
    "evaluation:survey_section_delete": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 302",
    },
    "evaluation:survey_section_edit": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 200",
    },
    "evaluation:survey_section_move": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 403 403 403 403 403 403 302",
    },
    "evaluation:survey_start": {
        "GET": "signin 200 404 404 404 404 404 404",
        "POST": "signin 200 404 404 404 404 404 404",
    },
    "evaluation:survey_template_create": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 200",
    },
    "evaluation:survey_template_list": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 200",
    },
    "evaluation:survey_version": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 200",
    },
    "evaluation:survey_version_new": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 403 403 403 403 403 403 302",
    },
    "evaluation:survey_version_publish": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 302",
    },
    "evaluation:timeline": {
        "GET": "signin 404 404 200 404 200 404 200",
        "POST": "signin 404 404 302 404 403 404 403",
    },
    "evaluation:timeline_list": {
        "GET": "signin 403 403 200 200 200 200 200",
        "POST": "signin 403 403 200 200 200 200 200",
    },
    "evaluation:version": {
        "GET": "signin 404 404 200 404 200 404 200",
        "POST": "signin 404 404 200 404 200 404 200",
    },
    "events:attendance_import": {
        "GET": "signin 403 404 200 404 200 404 403",
        "POST": "signin 403 404 200 404 200 404 403",
    },
    "events:attendance_match": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 403 404 200 404 200 404 403",
    },
    "events:calendar": {
        "GET": "signin 200 200 200 200 200 200 200",
        "POST": "signin 400 400 400 400 400 400 400",
    },
    "events:cancel": {
        "GET": "signin 200 404 200 404 200 404 200",
        "POST": "signin 302 404 302 404 302 404 302",
    },
    "events:cancel_event": {
        "GET": "signin 403 404 200 404 200 404 403",
        "POST": "signin 403 404 200 404 200 404 403",
    },
    "events:catering": {
        "GET": "signin 403 404 200 404 200 404 403",
        "POST": "signin 403 404 200 404 200 404 403",
    },
    "events:comment_add": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 404 404 400 404 400 404 404",
    },
    "events:confirm": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 302 404 302 404 403 404 403",
    },
    "events:connect": {
        "GET": "signin 302 404 404 404 404 404 404",
        "POST": "signin 302 404 404 404 404 404 404",
    },
    "events:create": {
        "GET": "signin 403 404 200 404 200 404 200",
        "POST": "signin 403 404 200 404 200 404 200",
    },
    "events:create_national": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 200",
    },
    "events:detail": {
        "GET": "signin 200 404 200 404 200 404 200",
        "POST": "signin 200 404 200 404 200 404 200",
    },
    "events:document_delete": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 404 404 302 404 302 404 404",
    },
    "events:document_download": {
        "GET": "signin 200 404 200 404 200 404 404",
        "POST": "signin 200 404 200 404 200 404 404",
    },
    "events:document_upload": {
        "GET": "signin 404 404 200 404 200 404 404",
        "POST": "signin 404 404 200 404 200 404 404",
    },
    "events:edit": {
        "GET": "signin 403 404 200 404 200 404 403",
        "POST": "signin 403 404 200 404 200 404 403",
    },
    "events:feed": {
        "GET": "200 200 200 200 200 200 200 200",
        "POST": "405 405 405 405 405 405 405 405",
    },
    "events:group_attendance": {
        "GET": "signin 403 404 200 404 200 404 403",
        "POST": "signin 403 404 200 404 200 404 403",
    },
    "events:ics": {
        "GET": "signin 200 404 200 404 200 404 200",
        "POST": "signin 405 405 405 405 405 405 405",
    },
    "events:invite": {
        "GET": "signin 403 404 200 404 200 404 403",
        "POST": "signin 403 404 200 404 200 404 403",
    },
    "events:join_links": {
        "GET": "signin 403 404 200 404 200 404 403",
        "POST": "signin 403 404 200 404 200 404 403",
    },
    "events:list": {
        "GET": "signin 200 200 200 200 200 200 200",
        "POST": "signin 200 200 200 200 200 200 200",
    },
    "events:register": {
        "GET": "signin 403 404 200 404 200 404 403",
        "POST": "signin 403 404 302 404 302 404 403",
    },
    "events:requirements": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 400 404 400 404 400 404 400",
    },
    "events:waiting_join": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 302 404 302 404 403 404 403",
    },
    "events:waiting_leave": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 302 404 302 404 302 404 302",
    },
    "grants:activity_grant": {
        "GET": "signin 404 404 404 404 200 404 200",
        "POST": "signin 404 404 404 404 200 404 200",
    },
    "grants:hub_summary": {
        "GET": "signin 404 404 404 404 200 404 200",
        "POST": "signin 404 404 404 404 200 404 200",
    },
    "grants:ncp_grant": {
        "GET": "200 200 200 200 200 200 200 200",
        "POST": "200 200 200 200 200 200 200 200",
    },
    "home": {
        "GET": "200 200 200 200 200 200 200 200",
        "POST": "200 200 200 200 200 200 200 200",
    },
    "journey:hub": {
        "GET": "signin 404 404 404 404 200 404 200",
        "POST": "signin 404 404 404 404 200 404 200",
    },
    "journey:hub_llmes": {
        "GET": "signin 404 404 200 404 200 404 200",
        "POST": "signin 404 404 200 404 200 404 200",
    },
    "journey:llme_edit": {
        "GET": "signin 404 404 403 404 200 404 200",
        "POST": "signin 404 404 403 404 302 404 302",
    },
    "journey:national_llmes": {
        "GET": "signin 403 403 403 403 200 200 200",
        "POST": "signin 403 403 403 403 200 200 200",
    },
    "journey:programme_add": {
        "GET": "signin 404 404 403 404 200 404 200",
        "POST": "signin 404 404 403 404 200 404 200",
    },
    "journey:programme_change": {
        "GET": "signin 404 404 403 404 200 404 200",
        "POST": "signin 404 404 403 404 200 404 200",
    },
    "privacy:mine": {
        "GET": "signin 200 200 200 200 200 200 200",
        "POST": "signin 405 405 405 405 405 405 405",
    },
    "privacy:mine_download": {
        "GET": "signin 200 200 200 200 200 200 200",
        "POST": "signin 405 405 405 405 405 405 405",
    },
    "privacy:person_data": {
        "GET": "signin 200 403 403 403 200 403 200",
        "POST": "signin 405 405 405 405 405 405 405",
    },
    "privacy:person_download": {
        "GET": "signin 200 403 403 403 200 403 200",
        "POST": "signin 405 405 405 405 405 405 405",
    },
    "privacy:person_erase": {
        "GET": "signin 403 403 403 403 403 403 200",
        "POST": "signin 403 403 403 403 403 403 400",
    },
    "reporting:dashboard": {
        "GET": "signin 404 404 404 404 200 200 200",
        "POST": "signin 404 404 404 404 200 200 200",
    },
    "reporting:dashboard_xlsx": {
        "GET": "signin 404 404 404 404 200 200 200",
        "POST": "signin 404 404 404 404 200 200 200",
    },
    "reporting:export": {
        "GET": "signin 404 404 404 404 200 404 404",
        "POST": "signin 404 404 404 404 200 404 404",
    },
    "reporting:export_download": {
        "GET": "signin 404 404 404 404 200 404 404",
        "POST": "signin 404 404 404 404 200 404 404",
    },
    "reporting:export_progress": {
        "GET": "signin 404 404 404 404 200 404 404",
        "POST": "signin 404 404 404 404 200 404 404",
    },
    "reporting:export_start": {
        "GET": "signin 405 405 405 405 405 405 405",
        "POST": "signin 404 404 404 404 302 302 302",
    },
    "reporting:figure": {
        "GET": "signin 404 404 404 404 200 200 200",
        "POST": "signin 404 404 404 404 200 200 200",
    },
    "reporting:index": {
        "GET": "signin 404 404 404 404 302 302 302",
        "POST": "signin 404 404 404 404 302 302 302",
    },
}
