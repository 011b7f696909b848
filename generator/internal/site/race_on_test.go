//go:build race

package site_test

// raceEnabled reports whether the tests run under the race detector, whose
// sync.Pool drops items at random: allocation counts then vary.
const raceEnabled = true
