<?php

use App\Http\Controllers\ItemController;
use Illuminate\Support\Facades\Route;

// Every route in this file is served under /api with the stateless "api" middleware.

Route::get('/items', [ItemController::class, 'index'])->name('items.index');
Route::post('/items', [ItemController::class, 'store'])->name('items.store');
