/**
 * The runner's own Rego, added to every build: one package entrypoint (`uar/main`) that gathers every
 * control under data.uar.controls, so a single WASM evaluation returns all controls (and the effective
 * parameters, when the policies define data.uar.lib.params).
 */
export const MAIN_ENTRYPOINT = 'uar/main';

export const MAIN_REGO = `package uar.main

results[name] := {
	"findings": object.get(control, "findings", []),
	"unknown": object.get(control, "unknown", []),
	"population": object.get(control, "population", null),
} if {
	some name, control in data.uar.controls
}

default params := {}

params := data.uar.lib.params
`;
