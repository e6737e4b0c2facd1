<?php

namespace Tests\Feature;

use Tests\TestCase;

class HealthTest extends TestCase
{
    public function test_health_answers_ok(): void
    {
        $this->get('/health')
            ->assertOk()
            ->assertExactJson(['status' => 'ok']);
    }

    public function test_laravel_health_check_answers(): void
    {
        $this->get('/up')->assertOk();
    }
}
