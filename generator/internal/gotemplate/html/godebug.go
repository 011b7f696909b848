// Copyright 2026 The Tebiki Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package template

// setting stands for the standard library's internal/godebug settings,
// which a copy outside the standard library cannot import: Tebiki's fork
// always takes the default (secure) behaviour.
type setting struct{ name string }

func newSetting(name string) *setting { return &setting{name} }

// Value is "", the default, whatever GODEBUG says.
func (s *setting) Value() string { return "" }

func (s *setting) IncNonDefault() {}
