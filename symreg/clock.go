package symreg

import "time"

// now is the clock every time limit of a search reads (time.Now). Tests
// replace it with a clock that advances per reading, so a test of the
// time-limit logic (the units portfolio's split of the time) gives the
// same answer on a loaded machine as on an idle one.
var now = time.Now

// since is time.Since on now.
func since(t time.Time) time.Duration { return now().Sub(t) }
