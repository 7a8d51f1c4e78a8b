// The API path of every column, written out from the table contract (TABLES.md) and, for tasks
// and custom_fields, from the official document's DTOs: an account of the mapping independent of
// the tap's naming rule, so end-to-end tests compare records with the emulator's objects.
namespace TapClockify.Tests.EndToEnd;

public static class ContractPaths
{
    /// <summary>Stream → column → API paths (the first present and non-null one gives the value).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<(string Column, string[] Paths)>> Streams =
        new Dictionary<string, IReadOnlyList<(string Column, string[] Paths)>>
        {
            ["workspaces"] =
            [
                ("id", ["id"]),
                ("canseetimesheet", ["workspaceSettings.canSeeTimeSheet"]),
                ("automaticlock__firstday", ["workspaceSettings.automaticLock.firstDay"]),
                ("automaticlock__olderthanvalue", ["workspaceSettings.automaticLock.olderThanValue"]),
                ("automaticlock__changeday", ["workspaceSettings.automaticLock.changeDay"]),
                ("automaticlock__olderthanperiod", ["workspaceSettings.automaticLock.olderThanPeriod"]),
                ("automaticlock__type", ["workspaceSettings.automaticLock.type"]),
                ("automaticlock__dayofmonth", ["workspaceSettings.automaticLock.dayOfMonth"]),
                ("isprojectpublicbydefault", ["workspaceSettings.isProjectPublicByDefault"]),
                ("projectfavorites", ["workspaceSettings.projectFavorites"]),
                ("onlyadminscreatetag", ["workspaceSettings.onlyAdminsCreateTag"]),
                ("forcetags", ["workspaceSettings.forceTags"]),
                ("onlyadminscreateproject", ["workspaceSettings.onlyAdminsCreateProject"]),
                ("tracktimedowntosecond", ["workspaceSettings.trackTimeDownToSecond"]),
                ("timeroundinginreports", ["workspaceSettings.timeRoundingInReports"]),
                ("hourlyrate__currency", ["hourlyRate.currency"]),
                ("hourlyrate__amount", ["hourlyRate.amount"]),
                ("timetrackingmode", ["workspaceSettings.timeTrackingMode"]),
                ("onlyadminsseebillablerates", ["workspaceSettings.onlyAdminsSeeBillableRates"]),
                ("onlyadminsseepublicprojectsentries", ["workspaceSettings.onlyAdminsSeePublicProjectsEntries"]),
                ("onlyadminscreatetask", ["workspaceSettings.onlyAdminsCreateTask"]),
                ("projectpickerspecialfilter", ["workspaceSettings.projectPickerSpecialFilter"]),
                ("forceprojects", ["workspaceSettings.forceProjects"]),
                ("canseetracker", ["workspaceSettings.canSeeTracker"]),
                ("projectgroupinglabel", ["workspaceSettings.projectGroupingLabel"]),
                ("forcetasks", ["workspaceSettings.forceTasks"]),
                ("forcedescription", ["workspaceSettings.forceDescription"]),
                ("defaultbillableprojects", ["workspaceSettings.defaultBillableProjects"]),
                ("name", ["name"]),
                ("imageurl", ["imageUrl"]),
                ("locktimeentries", ["workspaceSettings.lockTimeEntries"]),
                ("onlyadminsseealltimeentries", ["workspaceSettings.onlyAdminsSeeAllTimeEntries"]),
                ("onlyadminsseedashboard", ["workspaceSettings.onlyAdminsSeeDashboard"]),
                ("round__minutes", ["workspaceSettings.round.minutes"]),
                ("round__round", ["workspaceSettings.round.round"]),
                ("featuresubscriptiontype", ["featureSubscriptionType", "workspaceSettings.featureSubscriptionType"]),
            ],
            ["projects"] =
            [
                ("id", ["id"]),
                ("archived", ["archived"]),
                ("name", ["name"]),
                ("color", ["color"]),
                ("billable", ["billable"]),
                ("clientid", ["clientId"]),
                ("timeestimate__active", ["timeEstimate.active"]),
                ("timeestimate__estimate", ["timeEstimate.estimate"]),
                ("timeestimate__type", ["timeEstimate.type"]),
                ("timeestimate__resetoption", ["timeEstimate.resetOption"]),
                ("note", ["note"]),
                ("public", ["public"]),
                ("workspaceid", ["workspaceId"]),
                ("template", ["template"]),
                ("hourlyrate__currency", ["hourlyRate.currency"]),
                ("hourlyrate__amount", ["hourlyRate.amount"]),
                ("duration", ["duration"]),
                ("estimate__estimate", ["estimate.estimate"]),
                ("estimate__type", ["estimate.type"]),
                ("clientname", ["clientName"]),
                ("costrate__currency", ["costRate.currency"]),
                ("costrate__amount", ["costRate.amount"]),
                // TABLES-NEXT §4.3.
                ("budgetestimate__estimate", ["budgetEstimate.estimate"]),
                ("budgetestimate__type", ["budgetEstimate.type"]),
                ("budgetestimate__resetoption", ["budgetEstimate.resetOption"]),
                ("budgetestimate__active", ["budgetEstimate.active"]),
                ("budgetestimate__includeexpenses", ["budgetEstimate.includeExpenses"]),
                ("timeestimate__includenonbillable", ["timeEstimate.includeNonBillable"]),
                ("estimatereset__interval", ["estimateReset.interval"]),
                ("estimatereset__dayofmonth", ["estimateReset.dayOfMonth"]),
                ("estimatereset__dayofweek", ["estimateReset.dayOfWeek"]),
                ("estimatereset__month", ["estimateReset.month"]),
                ("estimatereset__hour", ["estimateReset.hour"]),
            ],
            ["clients"] =
            [
                ("id", ["id"]),
                ("archived", ["archived"]),
                ("workspaceid", ["workspaceId"]),
                ("address", ["address"]),
                ("name", ["name"]),
            ],
            ["users"] =
            [
                ("id", ["id"]),
                ("status", ["status"]),
                ("profilepicture", ["profilePicture"]),
                ("name", ["name"]),
                ("activeworkspace", ["activeWorkspace"]),
                ("settings__timetrackingmanual", ["settings.timeTrackingManual"]),
                ("settings__groupsimilarentriesdisabled", ["settings.groupSimilarEntriesDisabled"]),
                ("settings__dashboardviewtype", ["settings.dashboardViewType"]),
                ("settings__dateformat", ["settings.dateFormat"]),
                ("settings__weekstart", ["settings.weekStart"]),
                ("settings__iscompactviewon", ["settings.isCompactViewOn"]),
                ("settings__longrunning", ["settings.longRunning"]),
                ("summaryreportsettingsgroup", ["settings.summaryReportSettings.group"]),
                ("summaryreportsettingssubgroup", ["settings.summaryReportSettings.subgroup"]),
                ("settings__dashboardpintotop", ["settings.dashboardPinToTop"]),
                ("settings__weeklyupdates", ["settings.weeklyUpdates"]),
                ("settings__sendnewsletter", ["settings.sendNewsletter"]),
                ("settings__mystartofday", ["settings.myStartOfDay"]),
                ("settings__timeformat", ["settings.timeFormat"]),
                ("settings__timezone", ["settings.timeZone"]),
                ("settings__dashboardselection", ["settings.dashboardSelection"]),
                ("settings__projectlistcollapse", ["settings.projectListCollapse"]),
                ("settings__collapseallprojectlists", ["settings.collapseAllProjectLists"]),
                ("defaultworkspace", ["defaultWorkspace"]),
                ("email", ["email"]),
            ],
            // TABLES-NEXT §4.2 and §4.3: the parent's id is written into each expected object under its column's name.
            ["workspaces_currencies"] =
            [
                ("workspace_id", ["workspace_id"]),
                ("id", ["id"]),
                ("code", ["code"]),
                ("isdefault", ["isDefault"]),
            ],
            ["workspaces_features"] =
            [
                ("workspace_id", ["workspace_id"]),
                ("feature", ["feature"]),
            ],
            ["projects_memberships"] =
            [
                ("project_id", ["project_id"]),
                ("userid", ["userId"]),
                ("targetid", ["targetId"]),
                ("membershiptype", ["membershipType"]),
                ("membershipstatus", ["membershipStatus"]),
                ("hourlyrate__amount", ["hourlyRate.amount"]),
                ("hourlyrate__currency", ["hourlyRate.currency"]),
                ("costrate__amount", ["costRate.amount"]),
                ("costrate__currency", ["costRate.currency"]),
            ],
            // TABLES-NEXT §4.5.
            ["expense_categories"] =
            [
                ("id", ["id"]), ("workspaceid", ["workspaceId"]), ("name", ["name"]), ("archived", ["archived"]),
                ("hasunitprice", ["hasUnitPrice"]), ("priceincents", ["priceInCents"]), ("unit", ["unit"]),
            ],
            ["expenses"] =
            [
                ("id", ["id"]), ("workspaceid", ["workspaceId"]), ("userid", ["userId"]), ("date", ["date"]), ("billable", ["billable"]),
                ("locked", ["locked", "isLocked"]), ("notes", ["notes"]), ("quantity", ["quantity"]), ("total", ["total"]),
                ("fileid", ["fileId"]), ("filename", ["fileName"]),
                ("category__id", ["category.id"]), ("category__name", ["category.name"]), ("category__unit", ["category.unit"]),
                ("category__hasunitprice", ["category.hasUnitPrice"]), ("category__priceincents", ["category.priceInCents"]),
                ("category__archived", ["category.archived"]),
                ("project__id", ["project.id"]), ("project__name", ["project.name"]), ("project__color", ["project.color"]),
                ("project__clientid", ["project.clientId"]), ("project__clientname", ["project.clientName"]),
                ("task__id", ["task.id"]), ("task__name", ["task.name"]),
            ],
            // TABLES-NEXT §4.6; an invoice's workspaceid is its partition's, written into the expected object.
            ["invoices"] =
            [
                ("id", ["id"]), ("workspaceid", ["workspaceid"]), ("number", ["number"]), ("status", ["status"]),
                ("issueddate", ["issuedDate"]), ("duedate", ["dueDate"]), ("clientid", ["clientId"]), ("clientname", ["clientName"]),
                ("currency", ["currency"]), ("amount", ["amount"]), ("paid", ["paid"]), ("balance", ["balance"]),
                ("subject", ["subject"]), ("note", ["note"]), ("billfrom", ["billFrom"]), ("clientaddress", ["clientAddress"]),
                ("companyid", ["companyId"]), ("userid", ["userId"]), ("calculationtype", ["calculationType"]), ("taxtype", ["taxType"]),
                ("subtotal", ["subtotal"]), ("discount", ["discount"]), ("discountamount", ["discountAmount"]), ("tax", ["tax"]),
                ("tax2", ["tax2"]), ("taxamount", ["taxAmount"]), ("tax2amount", ["tax2Amount"]),
                ("containsimportedtimes", ["containsImportedTimes"]), ("containsimportedexpenses", ["containsImportedExpenses"]),
                ("visiblezerofields", ["visibleZeroFields"]),
            ],
            ["invoices_items"] =
            [
                ("invoice_id", ["invoice_id"]), ("order", ["order"]), ("description", ["description"]), ("itemtype", ["itemType"]),
                ("quantity", ["quantity"]), ("unitprice", ["unitPrice"]), ("amount", ["amount"]), ("applytaxes", ["applyTaxes"]),
                ("importtype", ["importType"]), ("timeentryids", ["timeEntryIds"]), ("expenseids", ["expenseIds"]),
            ],
            ["invoices_payments"] =
            [
                ("invoice_id", ["invoice_id"]), ("id", ["id"]), ("amount", ["amount"]), ("date", ["date"]), ("author", ["author"]), ("note", ["note"]),
            ],
            // TABLES-NEXT §4.7: the approvalRequest object is hoisted.
            ["approval_requests"] =
            [
                ("id", ["approvalRequest.id"]), ("workspaceid", ["approvalRequest.workspaceId"]), ("type", ["approvalRequest.type"]),
                ("creator__userid", ["approvalRequest.creator.userId"]), ("creator__username", ["approvalRequest.creator.userName"]),
                ("creator__useremail", ["approvalRequest.creator.userEmail"]),
                ("owner__userid", ["approvalRequest.owner.userId"]), ("owner__username", ["approvalRequest.owner.userName"]),
                ("owner__timezone", ["approvalRequest.owner.timeZone"]), ("owner__startofweek", ["approvalRequest.owner.startOfWeek"]),
                ("daterange__start", ["approvalRequest.dateRange.start"]), ("daterange__end", ["approvalRequest.dateRange.end"]),
                ("status__state", ["approvalRequest.status.state"]), ("status__note", ["approvalRequest.status.note"]),
                ("status__updatedat", ["approvalRequest.status.updatedAt"]), ("status__updatedby", ["approvalRequest.status.updatedBy"]),
                ("status__updatedbyusername", ["approvalRequest.status.updatedByUserName"]),
                ("trackedtime", ["trackedTime"]), ("billabletime", ["billableTime"]), ("approvedtime", ["approvedTime"]),
                ("pendingtime", ["pendingTime"]), ("breaktime", ["breakTime"]), ("billableamount", ["billableAmount"]),
                ("costamount", ["costAmount"]), ("expensetotal", ["expenseTotal"]),
            ],
            ["approval_requests_entries"] =
            [
                ("approvalrequest_id", ["approvalrequest_id"]), ("timeentry_id", ["id"]), ("timeinterval_start", ["timeInterval.start"]),
            ],
            ["approval_requests_expenses"] =
            [
                ("approvalrequest_id", ["approvalrequest_id"]), ("expense_id", ["id"]), ("approvalstatus", ["approvalStatus"]),
                ("detailedapprovalstatus", ["detailedApprovalStatus"]), ("currency", ["currency"]),
            ],
            // TABLES-NEXT §4.8.
            ["time_off_policies"] =
            [
                ("id", ["id"]), ("workspaceid", ["workspaceId"]), ("name", ["name"]), ("archived", ["archived"]),
                ("timeunit", ["timeUnit"]), ("allowhalfday", ["allowHalfDay"]), ("allownegativebalance", ["allowNegativeBalance"]),
                ("everyoneincludingnew", ["everyoneIncludingNew"]), ("userids", ["userIds"]), ("usergroupids", ["userGroupIds"]),
                ("projectid", ["projectId"]), ("approve__requiresapproval", ["approve.requiresApproval"]),
                ("approve__teammanagers", ["approve.teamManagers"]), ("approve__specificmembers", ["approve.specificMembers"]),
                ("approve__userids", ["approve.userIds"]), ("automaticaccrual__amount", ["automaticAccrual.amount"]),
                ("automaticaccrual__period", ["automaticAccrual.period"]), ("automaticaccrual__timeunit", ["automaticAccrual.timeUnit"]),
                ("negativebalance__amount", ["negativeBalance.amount"]), ("negativebalance__period", ["negativeBalance.period"]),
                ("negativebalance__timeunit", ["negativeBalance.timeUnit"]),
                ("negativebalance__shouldreset", ["negativeBalance.shouldReset"]),
                ("automatictimeentrycreation__enabled", ["automaticTimeEntryCreation.enabled"]),
                ("automatictimeentrycreation__defaultentities__projectid", ["automaticTimeEntryCreation.defaultEntities.projectId"]),
                ("automatictimeentrycreation__defaultentities__taskid", ["automaticTimeEntryCreation.defaultEntities.taskId"]),
                ("color", ["color"]), ("icon", ["icon"]),
            ],
            ["time_off_requests"] =
            [
                ("id", ["id"]), ("workspaceid", ["workspaceId"]), ("policyid", ["policyId"]), ("policyname", ["policyName"]),
                ("userid", ["userId"]), ("username", ["userName"]), ("useremail", ["userEmail"]), ("usertimezone", ["userTimeZone"]),
                ("requesteruserid", ["requesterUserId"]), ("requesterusername", ["requesterUserName"]), ("timeunit", ["timeUnit"]),
                ("timeoffperiod__period__start", ["timeOffPeriod.period.start"]),
                ("timeoffperiod__period__end", ["timeOffPeriod.period.end"]), ("timeoffperiod__halfday", ["timeOffPeriod.halfDay"]),
                ("timeoffperiod__halfdayperiod", ["timeOffPeriod.halfDayPeriod"]),
                ("timeoffperiod__halfdayhours__start", ["timeOffPeriod.halfDayHours.start"]),
                ("timeoffperiod__halfdayhours__end", ["timeOffPeriod.halfDayHours.end"]), ("note", ["note"]),
                ("status__statustype", ["status.statusType"]), ("status__changedat", ["status.changedAt"]),
                ("status__changedbyuserid", ["status.changedByUserId"]), ("status__changedbyusername", ["status.changedByUserName"]),
                ("status__changedforusername", ["status.changedForUserName"]), ("status__note", ["status.note"]),
                ("balancediff", ["balanceDiff"]), ("balance", ["balance"]), ("createdat", ["createdAt"]),
            ],
            ["time_off_balances"] =
            [
                ("policyid", ["policyId"]), ("userid", ["userId"]), ("id", ["id"]), ("workspaceid", ["workspaceId"]),
                ("policyname", ["policyName"]), ("policyarchived", ["policyArchived"]), ("policytimeunit", ["policyTimeUnit"]),
                ("username", ["userName"]), ("balance", ["balance"]), ("used", ["used"]), ("total", ["total"]),
                ("negativebalancelimit", ["negativeBalanceLimit"]), ("negativebalanceamount", ["negativeBalanceAmount"]),
                ("negativebalanceused", ["negativeBalanceUsed"]),
            ],
            ["holidays"] =
            [
                ("id", ["id"]), ("workspaceid", ["workspaceId"]), ("name", ["name"]), ("dateperiod__startdate", ["datePeriod.startDate"]),
                ("dateperiod__enddate", ["datePeriod.endDate"]), ("occursannually", ["occursAnnually"]),
                ("everyoneincludingnew", ["everyoneIncludingNew"]), ("automatictimeentrycreation", ["automaticTimeEntryCreation"]),
                ("projectid", ["projectId"]), ("taskid", ["taskId"]), ("userids", ["userIds"]), ("usergroupids", ["userGroupIds"]),
                ("color", ["color"]),
            ],
            // TABLES-NEXT §4.4.
            ["users_custom_fields"] =
            [
                ("user_id", ["userId"]), ("customfield_id", ["customFieldId"]), ("customfieldname", ["customFieldName"]),
                ("customfieldtype", ["customFieldType"]), ("value", ["value"]),
            ],
            ["member_profiles"] =
            [
                ("workspace_id", ["workspace_id"]), ("user_id", ["user_id"]), ("name", ["name"]), ("email", ["email"]),
                ("imageurl", ["imageUrl"]), ("weekstart", ["weekStart"]), ("workcapacity", ["workCapacity"]), ("workingdays", ["workingDays"]),
                ("haspendingapprovalrequest", ["hasPendingApprovalRequest"]), ("workspacenumber", ["workspaceNumber"]),
            ],
            // TABLES-NEXT §4.9.
            ["scheduling_assignments"] =
            [
                ("id", ["id"]), ("workspaceid", ["workspaceId"]), ("userid", ["userId"]), ("username", ["userName"]),
                ("projectid", ["projectId"]), ("projectname", ["projectName"]), ("projectcolor", ["projectColor"]),
                ("projectarchived", ["projectArchived"]), ("projectbillable", ["projectBillable"]), ("clientid", ["clientId"]),
                ("clientname", ["clientName"]), ("taskid", ["taskId"]), ("taskname", ["taskName"]),
                ("period__start", ["period.start"]), ("period__end", ["period.end"]), ("hoursperday", ["hoursPerDay"]),
                ("starttime", ["startTime"]), ("billable", ["billable"]), ("note", ["note"]),
            ],
            ["users_memberships"] =
            [
                ("user_id", ["userId"]),
                ("costrate", ["costRate"]),
                ("targetid", ["targetId"]),
                ("membershipstatus", ["membershipStatus"]),
                ("membershiptype", ["membershipType"]),
                ("hourlyrate_amount", ["hourlyRate.amount"]),
                ("hourlyrate_currency", ["hourlyRate.currency"]),
            ],
            ["user_groups"] =
            [
                ("id", ["id"]),
                ("workspaceid", ["workspaceId"]),
                ("name", ["name"]),
            ],
            ["tags"] =
            [
                ("id", ["id"]),
                ("archived", ["archived"]),
                ("workspaceid", ["workspaceId"]),
                ("name", ["name"]),
            ],
            ["time_entries"] =
            [
                ("id", ["id"]),
                ("timeinterval__duration", ["timeInterval.duration"]),
                ("timeinterval_start", ["timeInterval.start"]),
                ("timeinterval_end", ["timeInterval.end"]),
                ("islocked", ["isLocked"]),
                ("workspaceid", ["workspaceId"]),
                ("description", ["description"]),
                ("taskid", ["taskId"]),
                ("billable", ["billable"]),
                ("projectid", ["projectId"]),
                ("userid", ["userId"]),
            ],
            ["tasks"] =
            [
                ("id", ["id"]),
                ("name", ["name"]),
                ("projectid", ["projectId"]),
                ("assigneeids", ["assigneeIds"]),
                ("assigneeid", ["assigneeId"]),
                ("usergroupids", ["userGroupIds"]),
                ("estimate", ["estimate"]),
                ("duration", ["duration"]),
                ("status", ["status"]),
                ("billable", ["billable"]),
                ("budgetestimate", ["budgetEstimate"]),
                ("hourlyrate__currency", ["hourlyRate.currency"]),
                ("hourlyrate__amount", ["hourlyRate.amount"]),
                ("costrate__currency", ["costRate.currency"]),
                ("costrate__amount", ["costRate.amount"]),
            ],
            ["custom_fields"] =
            [
                ("id", ["id"]),
                ("name", ["name"]),
                ("type", ["type"]),
                ("allowedvalues", ["allowedValues"]),
                ("description", ["description"]),
                ("placeholder", ["placeholder"]),
                ("required", ["required"]),
                ("onlyadmincanedit", ["onlyAdminCanEdit"]),
                ("status", ["status"]),
                ("entitytype", ["entityType"]),
                ("workspaceid", ["workspaceId"]),
                ("workspacedefaultvalue", ["workspaceDefaultValue"]),
                ("projectdefaultvalues", ["projectDefaultValues"]),
            ],
        };
}
