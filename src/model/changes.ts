/**
 * The changes stage's values: the compact access summary of a document (embedded in evidence.json so a later run
 * can diff against it) and the changes since a baseline. Produced by src/changes, rendered by src/report.
 */

export interface AccessSummaryUser {
  id: string;
  email: string;
  name: string;
  roles: string[]; // effective role names, sorted, unique
  groups: { id: string; name: string }[];
  is_owner: boolean;
  is_admin: boolean;
}

export interface AccessSummary {
  workspace_id: string;
  collected_at: string | null;
  users: AccessSummaryUser[];
  groups: { id: string; name: string; member_count: number }[];
}

export interface UserRef {
  id: string;
  email: string;
}

export interface UserAccessChange extends UserRef {
  roles_granted: string[];
  roles_removed: string[];
  groups_joined: string[]; // group names
  groups_left: string[];
}

export interface Changes {
  baseline: { workspace_id: string; collected_at: string | null };
  users_added: (UserRef & { roles: string[] })[];
  users_removed: (UserRef & { roles: string[] })[];
  access_changed: UserAccessChange[];
  groups_added: { id: string; name: string }[];
  groups_removed: { id: string; name: string }[];
  totals: {
    users_added: number;
    users_removed: number;
    gained_access: number; // new users with a role + existing users granted a role or joining a group
    lost_access: number; // removed users + existing users losing a role or leaving a group
    groups_added: number;
    groups_removed: number;
  };
}
