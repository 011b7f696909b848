//go:build linux

package site

import "golang.org/x/sys/unix"

const sysFstatat = unix.SYS_NEWFSTATAT
