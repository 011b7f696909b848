//go:build !linux

package site

import "io/fs"

// listInputs: elsewhere, hashInputs walks the project through fs.WalkDir.
func listInputs(fs.FS, []string) ([]string, []fileStat, bool) { return nil, nil, false }
