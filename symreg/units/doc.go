// Package units does dimensional analysis for symbolic regression, as in
// AI Feynman (Udrescu & Tegmark 2020): it reads a table of physical units
// per variable (table.go), writes a target as y = P(x)·g(π₁, …, π_k) with a
// prefactor P carrying y's units and dimensionless groups π_j (the
// Buckingham π theorem, in exact rational arithmetic: reduce.go), refines
// that choice with the data (adapt.go), computes the reduced problem's
// columns and maps a formula over the groups back to the original
// variables (expand.go).
//
// It finds no formulas itself: symreg.SearchWithUnits runs the search on
// the groups. Dependencies: units imports symreg/expr for trees and their
// evaluation; symreg imports units, never the reverse.
package units
