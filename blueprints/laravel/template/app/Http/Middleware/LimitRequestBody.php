<?php

namespace App\Http\Middleware;

use Closure;
use Illuminate\Http\Request;
use Symfony\Component\HttpFoundation\Response;
use Symfony\Component\HttpKernel\Exception\HttpException;

/**
 * Refuses a request body larger than 1 MiB with a 413, before anything reads
 * it. (PHP's own post_max_size, 8 MiB by default, only empties a form body
 * that is too large; it does not refuse the request.)
 */
class LimitRequestBody
{
    public const MAX_BYTES = 1024 * 1024;

    public function handle(Request $request, Closure $next): Response
    {
        $length = $request->server('CONTENT_LENGTH') ?? $request->server('HTTP_CONTENT_LENGTH');
        if ($length !== null && (! ctype_digit((string) $length) || (int) $length > self::MAX_BYTES)) {
            throw new HttpException(413, 'The request body is larger than 1 MiB.');
        }

        return $next($request);
    }
}
