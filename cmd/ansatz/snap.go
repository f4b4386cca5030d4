package main

import "errors"

// SnapCmd is a placeholder until its verb is implemented.
type SnapCmd struct{}

// Run reports that the verb is not built yet.
func (c *SnapCmd) Run(g *Globals) error { return errors.New("snap: not implemented yet") }
