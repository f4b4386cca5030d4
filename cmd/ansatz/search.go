package main

import "errors"

// SearchCmd is a placeholder until its verb is implemented.
type SearchCmd struct{}

// Run reports that the verb is not built yet.
func (c *SearchCmd) Run(g *Globals) error { return errors.New("search: not implemented yet") }
