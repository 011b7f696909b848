//go:build !race

package site_test

// raceEnabled: see race_on_test.go.
const raceEnabled = false
