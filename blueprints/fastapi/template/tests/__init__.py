"""Tests for the service."""
