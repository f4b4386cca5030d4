package main

import "errors"

// RefineCmd is a placeholder until its verb is implemented.
type RefineCmd struct{}

// Run reports that the verb is not built yet.
func (c *RefineCmd) Run(g *Globals) error { return errors.New("refine: not implemented yet") }
