/**
 * The files `uar-check new-control` writes: a small working control and its test. They use the helper library
 * (`data.uar.lib`) and the test fixtures (`data.uar.tests.fixtures`), which uar-check always compiles in, and pass
 * `uar-check test`, `opa check --strict` and `opa fmt`.
 */
export interface TemplateValues {
  id: string;
  name: string; // kebab-case, e.g. "contractor-admin"
  module: string; // snake_case, e.g. "contractor_admin"
}

export function controlRego({ id, name, module }: TemplateValues): string {
  return `# METADATA
# title: ${title(name)}
# description: >-
#   TODO: one or two sentences saying exactly when this control finds something.
# custom:
#   id: ${id}
#   severity: medium
#   frameworks:
#     - SOC 2 CC6.1
#   remediation: >-
#     TODO: what the workspace admin should do about a finding.
#   needs: []
package uar.controls.${module}

import data.uar.lib

# How many subjects this control examined.
population := count(input.users)

# TODO: replace this example condition (a user without a display name) with the control's own.
findings contains {
\t"subject": lib.user_subject(u),
\t"message": sprintf("%s has no display name", [u.email]),
\t"facts": {"name": u.name},
} if {
\tsome u in input.users
\tu.name == ""
}

# Say unknown, never pass, when the data this control needs is missing.
unknown contains {"reason": "the user list was not read completely"} if not input.coverage.users
`;
}

export function testRego({ module }: TemplateValues): string {
  return `package uar.tests.${module}_test

import data.uar.controls.${module}

user(id, email, name) := {"id": id, "email": email, "email_key": lower(email), "name": name}

doc := {
\t"coverage": {"users": true},
\t"users": [user("u-1", "ann@acme.com", "Ann"), user("u-2", "bob@acme.com", "")],
}

test_finding if {
\tfindings := ${module}.findings with input as doc
\tfindings == {{
\t\t"subject": {"type": "user", "id": "u-2", "email": "bob@acme.com"},
\t\t"message": "bob@acme.com has no display name",
\t\t"facts": {"name": ""},
\t}}
\t${module}.population == 2 with input as doc
}

test_pass if {
\tcount(${module}.findings) == 0 with input as {"coverage": {"users": true}, "users": [doc.users[0]]}
\tcount(${module}.unknown) == 0 with input as doc
}

test_unknown if {
\tcount(${module}.unknown) == 1 with input as {"coverage": {"users": false}, "users": []}
}
`;
}

function title(name: string): string {
  const words = name.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
