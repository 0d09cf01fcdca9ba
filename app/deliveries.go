package app

import "github.com/prcoach/prcoach/store"

// Delivery states in prcoach_deliveries, as the store names them.
const (
	statusQueued = store.StatusQueued
	statusDone   = store.StatusDone
	statusFailed = store.StatusFailed
	statusDead   = store.StatusDead
)
