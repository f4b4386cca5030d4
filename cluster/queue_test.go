package cluster

import (
	"fmt"
	"slices"
	"strconv"
	"sync"
	"testing"
)

// TestQueueHandsOutEveryItemOnce runs a queue of 50 items on 4 ranks with
// 3 workers each: every item is done exactly once and its result reaches
// rank 0. Each rank holds its first item until every rank has one, so all
// ranks take part however the goroutines are scheduled.
func TestQueueHandsOutEveryItemOnce(t *testing.T) {
	const items = 50
	var mu sync.Mutex
	handed := 0
	got := map[int]int{} // item -> rank that did it
	var everyRankHasOne sync.WaitGroup
	everyRankHasOne.Add(3)
	runLocal(4, func(c Comm) {
		if c.Rank() == 0 {
			next := func() ([]byte, bool) {
				mu.Lock()
				defer mu.Unlock()
				if handed == items {
					return nil, false
				}
				handed++
				return []byte(strconv.Itoa(handed - 1)), true
			}
			err := ServeQueue(c, next, func(from int, res []byte) {
				var item, rank int
				fmt.Sscanf(string(res), "%d by %d", &item, &rank)
				if rank != from {
					t.Errorf("result %q came from rank %d", res, from)
				}
				mu.Lock()
				defer mu.Unlock()
				if _, dup := got[item]; dup {
					t.Errorf("item %d done twice", item)
				}
				got[item] = from
			})
			if err != nil {
				t.Error(err)
			}
			return
		}
		q := QueueClient{c}
		var first sync.Once
		var wg sync.WaitGroup
		for range 3 {
			wg.Go(func() {
				for {
					item, ok, err := q.Next()
					if err != nil || !ok {
						return
					}
					first.Do(func() {
						everyRankHasOne.Done()
						everyRankHasOne.Wait()
					})
					if err := q.Result([]byte(fmt.Sprintf("%s by %d", item, c.Rank()))); err != nil {
						t.Error(err)
					}
				}
			})
		}
		wg.Wait()
		if err := q.Done(); err != nil {
			t.Error(err)
		}
	})
	if len(got) != items {
		t.Fatalf("%d of %d items came back", len(got), items)
	}
	var ranks []int
	for _, r := range got {
		if !slices.Contains(ranks, r) {
			ranks = append(ranks, r)
		}
	}
	if len(ranks) != 3 {
		t.Errorf("items went to ranks %v, want 1, 2 and 3", ranks)
	}
}
