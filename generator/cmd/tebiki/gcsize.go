package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// How much memory a build lets the Go heap take.
//
// A build allocates much and holds little: with GOGC 200, garbage is
// collected half as often as by default, and a build of 100 cities is
// about a seventh faster, for a heap up to three times what is live. At
// national size that was 1.2–1.5 GB for about 400 MB live. So the build
// also sets a soft memory limit of twice what was live at the last
// collection, never under minMemoryLimit: small builds keep GOGC 200 whole,
// and a large one collects as with the default GOGC 100 (the limit follows
// the live heap up after each collection, so it is never one the build
// cannot keep). GOGC or GOMEMLIMIT in the environment is obeyed instead.
//
// The floor is 320 MB: a heap with more than about 107 MB live is held to
// twice that. With 384 MB, the national site's content-only build (about
// 130 MB live) peaked at 360–390 MB; with 320 MB, at 330–340 MB, for about
// 5 % more time (4 builds of each, alternated).

const minMemoryLimit = 320 << 20

// memoryLimit is the limit for a heap of live bytes.
func memoryLimit(live uint64) int64 {
	return max(minMemoryLimit, 2*int64(min(live, 1<<61)))
}

var (
	gcTuned sync.Once
	// gcLimitSet, when set, hears each limit set after a collection (for
	// tests; read by the finalizer's goroutine).
	gcLimitSet atomic.Pointer[func(limit int64)]
)

// tuneGC sets GOGC and the soft memory limit for a build (see above).
func tuneGC() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	gcTuned.Do(func() {
		debug.SetGCPercent(200)
		debug.SetMemoryLimit(minMemoryLimit)
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		// A finalizer runs after each collection that finds its object
		// unreachable: one new object per collection.
		var arm func()
		arm = func() {
			runtime.SetFinalizer(new([64]byte), func(*[64]byte) {
				metrics.Read(sample)
				if sample[0].Value.Kind() == metrics.KindUint64 {
					limit := memoryLimit(sample[0].Value.Uint64())
					if limit != debug.SetMemoryLimit(-1) {
						debug.SetMemoryLimit(limit)
					}
					if f := gcLimitSet.Load(); f != nil {
						(*f)(limit)
					}
				}
				arm()
			})
		}
		arm()
	})
}

// A build's heap at its peak is what the collector allows over what was
// live at the last collection: with GOGC 200, three times that. The last
// collection before the pages are rendered usually falls while the build
// still loads, with the trees and buffers of loading live; the rendering
// then runs under a goal made from them. At 100 cities (content only) that
// is 7–12 MB live for a goal of 21–38 MB, where the build holds 7 MB once
// loaded. settleHeap, called by the build once everything is loaded (see
// site.Options.Loaded), collects there while the heap is small, and the
// rendering then runs with GOGC 150: its goal is two and a half times what
// the build holds. At 100 cities (content only, 20–40 alternated builds):
// the collection alone took the peak RSS from 51 to 47 MB, GOGC 150 after
// it to 44.5 MB, with no measurable change in CPU time (GOGC 100 while
// rendering: 43 MB, about 3 % more CPU; GOGC 150 while loading as well:
// 4 % more CPU for 1 MB). A large heap is neither collected nor given a
// lower GOGC: its collections cost more (at national size, 130 MB and more
// live), and its goal is held by the memory limit anyway.

// settleMaxHeap is the largest heap settleHeap collects: the bytes of its
// objects, live or not yet collected.
const settleMaxHeap = 64 << 20

// renderGCPercent is the GOGC of the rendering of a small build.
const renderGCPercent = 150

// settles reports whether settleHeap collects a heap of that many bytes.
func settles(heap uint64) bool { return heap <= settleMaxHeap }

// settleHeap collects the heap if it is small and lowers GOGC for the rest
// of the build (see above), unless GOGC or GOMEMLIMIT in the environment
// sets the policy.
func settleHeap() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	settle(heapObjects())
}

// settle collects a heap of that many bytes and sets GOGC for the
// rendering, if the heap is small.
func settle(heap uint64) {
	if settles(heap) {
		runtime.GC()
		debug.SetGCPercent(renderGCPercent)
	}
}

// heapObjects returns the bytes of the heap's objects, live or not yet
// collected.
func heapObjects() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return math.MaxUint64
	}
	return sample[0].Value.Uint64()
}
