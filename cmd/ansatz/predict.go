package main

import "errors"

// PredictCmd is a placeholder until its verb is implemented.
type PredictCmd struct{}

// Run reports that the verb is not built yet.
func (c *PredictCmd) Run(g *Globals) error { return errors.New("predict: not implemented yet") }
