package main

import "errors"

// EvalCmd is a placeholder until its verb is implemented.
type EvalCmd struct{}

// Run reports that the verb is not built yet.
func (c *EvalCmd) Run(g *Globals) error { return errors.New("eval: not implemented yet") }
