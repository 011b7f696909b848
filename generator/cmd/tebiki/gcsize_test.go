package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestMemoryLimit(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int64
	}{
		{0, minMemoryLimit},
		{100 << 20, minMemoryLimit},
		{minMemoryLimit / 2, minMemoryLimit},
		{300 << 20, 600 << 20},
		{4 << 30, 8 << 30},
	} {
		if got := memoryLimit(c.live); got != c.want {
			t.Errorf("memoryLimit(%d MiB) = %d MiB, want %d MiB", c.live>>20, got>>20, c.want>>20)
		}
	}
}

// A build's soft memory limit follows the live heap up after a
// collection: twice what is live, so a large build is never held under
// what it needs.
func TestTuneGCFollowsLiveHeap(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	limits := make(chan int64, 64)
	hear := func(l int64) {
		select {
		case limits <- l:
		default:
		}
	}
	gcLimitSet.Store(&hear)
	defer gcLimitSet.Store(nil)
	tuneGC()
	if got := debug.SetGCPercent(-1); got != 200 {
		t.Errorf("GOGC %d, want 200", got)
	}
	debug.SetGCPercent(200)
	const size = 320 << 20 // live, not touched: no real memory
	held := make([]byte, size)
	var seen int64
	for i := 0; i < 20 && seen < 2*size; i++ {
		runtime.GC()
		select {
		case seen = <-limits:
		case <-time.After(100 * time.Millisecond): // the finalizer runs after the collection
		}
	}
	runtime.KeepAlive(held)
	if seen < 2*size {
		t.Fatalf("the limit after collections with %d MiB live: %d MiB, want at least %d MiB", size>>20, seen>>20, 2*size>>20)
	}
	if got := debug.SetMemoryLimit(-1); got < 2*size {
		t.Errorf("the memory limit is %d MiB, want at least %d MiB", got>>20, 2*size>>20)
	}
}

func TestSettles(t *testing.T) {
	for _, c := range []struct {
		heap uint64
		want bool
	}{
		{0, true},
		{7 << 20, true},
		{settleMaxHeap, true},
		{settleMaxHeap + 1, false},
		{400 << 20, false},
	} {
		if got := settles(c.heap); got != c.want {
			t.Errorf("settles(%d MiB) = %v, want %v", c.heap>>20, got, c.want)
		}
	}
}

// settle collects a small heap and sets GOGC 150 for the rendering; it
// leaves a large one alone, and settleHeap the heap too when GOGC sets the
// policy.
func TestSettle(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	// No collection but those asked for while the test counts them.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	cycles := func() uint32 {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.NumGC
	}
	n := cycles()
	settle(7 << 20)
	if got := cycles(); got != n+1 {
		t.Fatalf("%d collections by settle with 7 MiB of heap, want 1", got-n)
	}
	if got := debug.SetGCPercent(-1); got != renderGCPercent {
		t.Errorf("GOGC %d after settle with 7 MiB of heap, want %d", got, renderGCPercent)
	}
	n = cycles()
	settle(settleMaxHeap + 1)
	if got := cycles(); got != n {
		t.Errorf("%d collections by settle with %d MiB of heap, want none", got-n, (settleMaxHeap+1)>>20)
	}
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GOGC %d after settle with %d MiB of heap, want it unchanged", got, (settleMaxHeap+1)>>20)
	}
	t.Setenv("GOGC", "100")
	n = cycles()
	settleHeap()
	if got := cycles(); got != n {
		t.Errorf("%d collections by settleHeap with GOGC set, want none", got-n)
	}
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("GOGC %d after settleHeap with GOGC set, want it unchanged", got)
	}
}

// heapObjects counts the objects held.
func TestHeapObjects(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1)) // no collection in between
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	runtime.GC()
	before := heapObjects()
	held := make([]byte, 8<<20) // not touched: no real memory
	if got := heapObjects(); got < before+uint64(len(held)) {
		t.Errorf("heapObjects %d MiB with 8 MiB more held, before %d MiB", got>>20, before>>20)
	}
	runtime.KeepAlive(held)
}
