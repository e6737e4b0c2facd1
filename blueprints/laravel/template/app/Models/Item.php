<?php

namespace App\Models;

use Illuminate\Database\Eloquent\Model;

/**
 * An item of the example resource, stored in the `items` table (see
 * database/migrations). Its id is assigned by the database.
 */
class Item extends Model
{
    /**
     * @var list<string>
     */
    protected $fillable = ['name'];

    /**
     * The API shows an item as {"id": ..., "name": ...}.
     *
     * @var list<string>
     */
    protected $visible = ['id', 'name'];
}
