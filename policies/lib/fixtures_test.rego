# Builders for test documents, shared by every control's `_test.rego`. A `_test.rego` file, so it is never
# compiled into the WASM bundle. Everything here follows the access document v1 (`uar-check schema`).
package uar.tests.fixtures

# The evaluation time of every test: `with time.now_ns as fixtures.now_ns`.
now_ns := 1795867200000000000 # 2026-11-28T12:00:00Z

# A complete document with no users; merge the members a test needs over it.
doc(overrides) := object.union(
	{
		"document_version": 1,
		"workspace": {"id": "ws-1", "name": "Acme", "slug": "acme", "region": "us"},
		"collected_at": "2026-11-28T12:00:00Z",
		"source": {"kind": "file", "api_url": null},
		"complete": true,
		"coverage": {
			"users": true, "groups": "complete", "invites": true, "audit": "not_requested",
			"identity": true, "identity_sources": ["okta"], "hr": true, "reviews": true,
		},
		"roles": [],
		"labels": [],
		"users": [],
		"groups": [],
		"invites": [],
		"reviews": null,
	},
	overrides,
)

# A user with no permissions and no identity or HR record; `extra` overrides members.
user(id, email, extra) := object.union(
	{
		"id": id, "email": email, "email_key": lower(email), "name": id,
		"permissions": [], "groups": [], "effective_roles": [],
		"is_owner": false, "is_admin": false,
		"identity": null, "hr": null, "last_activity": null,
	},
	extra,
)

# A Workspace Owner holding the role directly; `extra` overrides members.
owner(id, email, extra) := user(id, email, object.union(
	{
		"permissions": [permission("Workspace Owner", {"type": "direct"})],
		"effective_roles": ["Workspace Owner"], "is_owner": true, "is_admin": true,
	},
	extra,
))

# A user holding `role` through the group "Owners" (id g-1).
group_member(id, email, role, extra) := user(id, email, object.union(
	{
		"permissions": [permission(role, {"type": "group", "group_id": "g-1", "group_name": "Owners"})],
		"groups": [{"id": "g-1", "name": "Owners"}],
		"effective_roles": [role],
		"is_owner": role == "Workspace Owner",
		"is_admin": endswith(role, " Admin"),
	},
	extra,
))

permission(role, via) := {
	"role_id": sprintf("r-%s", [role]), "role_name": role,
	"resources": [{"type": "WORKSPACE", "id": "ws-1", "labels": []}],
	"labels": [], "via": via,
}

# An identity record from one Okta export.
identity(status, mfa, last_sign_in) := {
	"status": status, "mfa": mfa, "last_sign_in": last_sign_in,
	"sources": [{
		"source": "okta", "files": ["okta.csv"], "record_id": null, "matched_by": "primary",
		"status": status, "mfa": mfa, "last_sign_in": last_sign_in,
	}],
}

hr(status, termination_date) := {
	"employment_status": status, "termination_date": termination_date,
	"employee_id": null, "manager_email": null, "worker_type": null, "file": "hr.csv",
}

reviews(campaigns) := {"campaigns": campaigns}

campaign(id, started_at, decisions) := {"id": id, "started_at": started_at, "due_at": null, "decisions": decisions}

decision(subject, reviewer, verdict, decided_at) := {
	"subject_email": subject, "subject_key": lower(subject),
	"reviewer_email": reviewer, "reviewer_key": lower(reviewer),
	"decision": verdict, "decided_at": decided_at, "justification": null,
}

invite(email, via) := {"email": email, "email_key": lower(email), "via": via}

# The subject keys of a set of findings or unknowns: id, else email, else "workspace".
keys(items) := {key(x.subject) | some x in items}

key(s) := s.id if s.type != "workspace"

key(s) := s.email if {
	s.type != "workspace"
	not s.id
}

key(s) := "workspace" if s.type == "workspace"
