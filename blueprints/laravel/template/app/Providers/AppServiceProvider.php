<?php

namespace App\Providers;

use Illuminate\Encryption\MissingAppKeyException;
use Illuminate\Support\ServiceProvider;

class AppServiceProvider extends ServiceProvider
{
    /**
     * Register any application services.
     */
    public function register(): void
    {
        //
    }

    /**
     * Bootstrap any application services.
     */
    public function boot(): void
    {
        // A production server must not serve requests without its secret key,
        // even though this API never encrypts anything itself.
        if ($this->app->isProduction() && ! $this->app->runningInConsole() && blank(config('app.key'))) {
            throw new MissingAppKeyException(
                'APP_KEY is not set: generate one with "php artisan key:generate --show" and pass it in the environment.'
            );
        }
    }
}
