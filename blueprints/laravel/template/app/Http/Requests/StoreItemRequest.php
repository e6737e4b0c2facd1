<?php

namespace App\Http\Requests;

use Illuminate\Foundation\Http\FormRequest;

class StoreItemRequest extends FormRequest
{
    /**
     * Anyone may create an item: the service has no users.
     */
    public function authorize(): bool
    {
        return true;
    }

    /**
     * A name is required and must be a non-blank string (Laravel trims
     * strings and turns empty ones into null before validation) of valid
     * UTF-8 without control characters (NUL, newlines...), at most 100
     * characters long.
     *
     * @return array<string, array<int, string>>
     */
    public function rules(): array
    {
        return [
            'name' => ['required', 'string', 'max:100', 'regex:/\A\P{Cc}+\z/u'],
        ];
    }
}
