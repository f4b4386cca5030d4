package main

import "errors"

// PruneCmd is a placeholder until its verb is implemented.
type PruneCmd struct{}

// Run reports that the verb is not built yet.
func (c *PruneCmd) Run(g *Globals) error { return errors.New("prune: not implemented yet") }
