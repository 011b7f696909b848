//go:build !linux

package site

import "io/fs"

// onDisk returns fsys: on Linux, a folder on disk is read through the
// system calls themselves (dirfs_linux.go).
func onDisk(fsys fs.FS) fs.FS { return fsys }
