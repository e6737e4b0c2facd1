<?php

// Only the settings that differ from Laravel's defaults live here; Laravel
// merges this file with its own config/cache.php.

return [

    /*
    |--------------------------------------------------------------------------
    | Default Cache Store
    |--------------------------------------------------------------------------
    |
    | The item store keeps its items in the cache. The "file" store (under
    | storage/framework/cache) survives from one request to the next without
    | a database or Redis. The tests use the "array" store (see phpunit.xml).
    |
    */

    'default' => env('CACHE_STORE', 'file'),

];
