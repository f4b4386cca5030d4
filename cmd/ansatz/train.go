package main

import "errors"

// TrainCmd is a placeholder until its verb is implemented.
type TrainCmd struct{}

// Run reports that the verb is not built yet.
func (c *TrainCmd) Run(g *Globals) error { return errors.New("train: not implemented yet") }
