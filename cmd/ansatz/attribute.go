package main

import "errors"

// AttributeCmd is a placeholder until its verb is implemented.
type AttributeCmd struct{}

// Run reports that the verb is not built yet.
func (c *AttributeCmd) Run(g *Globals) error { return errors.New("attribute: not implemented yet") }
