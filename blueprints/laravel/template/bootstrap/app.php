<?php

use App\Http\Controllers\HealthController;
use Illuminate\Foundation\Application;
use Illuminate\Foundation\Configuration\Exceptions;
use Illuminate\Foundation\Configuration\Middleware;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Route;

return Application::configure(basePath: dirname(__DIR__))
    ->withRouting(
        api: __DIR__.'/../routes/api.php',
        health: '/up',
        then: function (): void {
            // GET /health sits outside the /api prefix, with the same stateless middleware.
            Route::middleware('api')->get('/health', HealthController::class)->name('health');
        },
    )
    ->withMiddleware(function (Middleware $middleware): void {
        // Outside local and testing, trust only the host in APP_URL (and its
        // subdomains): a forged Host header never ends up in a URL the app builds.
        $middleware->trustHosts();
    })
    ->withExceptions(function (Exceptions $exceptions): void {
        // This service speaks JSON only: errors (404, 405, 422, 500...) render
        // as JSON whatever the request's Accept header says.
        $exceptions->shouldRenderJsonWhen(fn (Request $request, Throwable $e): bool => true);
    })->create();
